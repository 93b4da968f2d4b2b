import { createRequire } from 'node:module';
import { LruCache } from '../lruCache.js';

/**
 * Shortcut: an SVG drawn once per thread, its drawing replayed after.
 *
 * Relies on (pdfmake 0.3.11): the deep import
 * `pdfmake/js/3rd-party/svg-to-pdfkit.js`, whose `default` export pdfmake's
 * renderer looks up each time it draws an SVG node, called as
 * `(doc, svg, x, y, options)`; and on the svg-to-pdfkit pdfmake bundles
 * drawing through the PDFKit (0.19.1) document's own methods (`save`,
 * `moveTo`, `bezierCurveTo`, `fillColor`, `fill`…), so that the same calls
 * with the same arguments draw the same thing; and on PDFKit's path
 * methods (`moveTo`, `lineTo`, `bezierCurveTo`, `quadraticCurveTo`, `rect`,
 * `closePath`) doing nothing but write one line of content through
 * `addContent`, which writes a Buffer as it is and a string with a newline.
 *
 * Every letter of a year starts with the same letterhead SVG at the same
 * place, and svg-to-pdfkit parses it and works out every curve of it for
 * each letter. Here the first drawing of an SVG records what it asks of the
 * PDF document: the document's drawing methods it calls, in order, with
 * their arguments. Later drawings of the same SVG, at the same place and
 * size, make the same calls instead, and so write the same bytes. An SVG
 * whose drawing does anything else (reads the document's state, asks for a
 * font or an image, makes a PDF object itself: text, gradients, masks,
 * groups) is never replayed: it is drawn by svg-to-pdfkit every time.
 */

type Draw = (doc: object, svg: unknown, x: number, y: number, options: Record<string, unknown>) => void;

interface SvgModule {
  default: Draw & { [REPLAYING]?: Draw };
}

/** The document methods a recorded drawing may call: each draws with its arguments and the document's drawing state only. */
const DRAWING_METHODS = new Set([
  'save',
  'restore',
  'transform',
  'translate',
  'scale',
  'rotate',
  'moveTo',
  'lineTo',
  'bezierCurveTo',
  'quadraticCurveTo',
  'rect',
  'closePath',
  'clip',
  'fill',
  'stroke',
  'fillAndStroke',
  'fillColor',
  'strokeColor',
  'fillOpacity',
  'strokeOpacity',
  'opacity',
  'lineWidth',
  'lineCap',
  'lineJoin',
  'miterLimit',
  'dash',
  'undash',
]);

/** The methods that only write a line of content: a run of them is replayed as the bytes they wrote. */
const PATH_METHODS = new Set(['moveTo', 'lineTo', 'bezierCurveTo', 'quadraticCurveTo', 'rect', 'closePath']);

/** svg-to-pdfkit keeps the document's fill colour and puts it back when it is done: the one property it may read and set. */
const KEPT_PROPERTY = '_fillColor';

interface Call {
  method: string;
  args: unknown[];
}

/** A recorded drawing: the calls, `content` where a run of path methods wrote these bytes, and `restore` where the kept property is put back. */
type Recording = (Call | { content: Buffer } | { restore: true })[];

const REPLAYING = Symbol.for('letters.svgReplay');

/** Recordings by SVG, place, size and options: a year's letterheads, and room for a few more. */
const recordings = new LruCache<string, Recording | 'draw'>(32);

/** Puts the replaying drawing in place of svg-to-pdfkit's, once per thread. */
export function install(): void {
  const module = svgModule();
  if (module.default[REPLAYING]) return;
  const draw = module.default;
  module.default = Object.assign(replaying(draw), { [REPLAYING]: draw });
}

function svgModule(): SvgModule {
  const module = createRequire(import.meta.url)('pdfmake/js/3rd-party/svg-to-pdfkit.js') as Partial<SvgModule>;
  if (typeof module.default !== 'function') throw new Error('pdfmake has no pdfmake/js/3rd-party/svg-to-pdfkit.js default export: src/engine/svgReplay.ts was made for pdfmake 0.3.11');
  return module as SvgModule;
}

/** svg-to-pdfkit's drawing, made once per SVG and replayed after. */
export function replaying(draw: Draw): Draw {
  return (doc, svg, x, y, options) => {
    const key = typeof svg === 'string' ? keyOf(svg, x, y, options) : undefined;
    const known = key === undefined ? 'draw' : recordings.get(key);
    if (known === 'draw') return draw(doc, svg, x, y, options);
    if (known) return replay(doc, known);
    const recording = record(draw, doc, svg, x, y, options);
    recordings.set(key!, recording ?? 'draw');
  };
}

/** Everything the drawing depends on besides the document: the callbacks in the options, should it call one, make it unrecordable. */
function keyOf(svg: string, x: number, y: number, options: Record<string, unknown>): string {
  const plain = Object.entries(options).filter(([, value]) => typeof value !== 'function');
  return JSON.stringify([x, y, plain.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), svg]);
}

/** Draws the SVG on the document, recording what it asks of it; undefined if it asked anything that cannot be replayed. */
function record(draw: Draw, doc: object, svg: unknown, x: number, y: number, options: Record<string, unknown>): Recording | undefined {
  const recording: Recording = [];
  let replayable = true;
  let kept: { value: unknown } | undefined;
  const target = doc as Record<string | symbol, unknown>;
  const recorder = new Proxy(target, {
    get(_, property) {
      const value = target[property];
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          if (typeof property !== 'string' || !DRAWING_METHODS.has(property) || !args.every(isPlain)) replayable = false;
          else if (PATH_METHODS.has(property) && !Object.hasOwn(target, 'addContent')) return pathCall(value as (...a: unknown[]) => unknown, args);
          else recording.push({ method: property, args: structuredClone(args) });
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          // Chained calls (`doc.moveTo(…).lineTo(…)`) must come back through the recorder too.
          return result === target ? recorder : result;
        };
      }
      if (property === KEPT_PROPERTY && kept === undefined) kept = { value };
      else replayable = false;
      return value;
    },
    set(_, property, value) {
      if (property === KEPT_PROPERTY && kept !== undefined && value === kept.value) recording.push({ restore: true });
      else replayable = false;
      target[property] = value;
      return true;
    },
  });
  /** A path method, called with what it writes caught: one line, kept as bytes and joined to the run before it. */
  const pathCall = (method: (...a: unknown[]) => unknown, args: unknown[]) => {
    const written: unknown[] = [];
    const addContent = target.addContent as (data: unknown) => unknown;
    target.addContent = (data: unknown) => (written.push(data), addContent.call(target, data));
    let result: unknown;
    try {
      result = method.apply(target, args);
    } finally {
      delete target.addContent;
    }
    const [line] = written;
    if (written.length !== 1 || typeof line !== 'string') replayable = false;
    else {
      const bytes = Buffer.from(`${line}\n`, 'binary');
      const last = recording.at(-1);
      if (last && 'content' in last) last.content = Buffer.concat([last.content, bytes]);
      else recording.push({ content: bytes });
    }
    return result === target ? recorder : result;
  };
  const watched = Object.fromEntries(
    Object.entries(options).map(([name, value]) =>
      typeof value === 'function'
        ? [
            name,
            (...args: unknown[]) => {
              replayable = false;
              return (value as (...a: unknown[]) => unknown)(...args);
            },
          ]
        : [name, value],
    ),
  );
  draw(recorder, svg, x, y, watched);
  return replayable ? recording : undefined;
}

function replay(doc: object, recording: Recording): void {
  const target = doc as Record<string, unknown>;
  const kept = target[KEPT_PROPERTY];
  for (const step of recording) {
    if ('restore' in step) target[KEPT_PROPERTY] = kept;
    else if ('content' in step) (target.addContent as (data: Buffer) => unknown).call(doc, step.content);
    else (target[step.method] as (...args: unknown[]) => unknown).apply(doc, step.args.map(copied));
  }
}

/** An argument as given the first time: arrays copied, should a method change the one it is given. */
function copied(value: unknown): unknown {
  return Array.isArray(value) ? value.map(copied) : value;
}

/** Numbers, strings, booleans and arrays of them: arguments a replay can give again. */
function isPlain(value: unknown): boolean {
  if (value === null || value === undefined || ['number', 'string', 'boolean'].includes(typeof value)) return true;
  return Array.isArray(value) && value.every(isPlain);
}
