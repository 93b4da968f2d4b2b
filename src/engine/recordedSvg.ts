import { createRequire } from 'node:module';

/**
 * A shortcut: an SVG drawn again, at the same place and size, is drawn from
 * a recording of what drawing it did the first time.
 *
 * pdfmake draws an SVG with its copy of svg-to-pdfkit, which parses the
 * SVG's markup, computes every path segment and calls PDFKit's path and
 * state methods, each letter again; for the letterhead (some eleven hundred
 * path segments) that is most of what a letter's PDF costs. Recorded once
 * per thread, the letterhead is then drawn with the same PDFKit calls, and
 * the runs of path operators written as they were the first time: the same
 * content, byte for byte.
 *
 * Relies on (pdfmake 0.3.11, PDFKit 0.19.1; src/reliedOnVersions.ts):
 * - pdfmake's `Renderer.prototype.renderSVG(svg)` drawing `svg.svg` through
 *   `this.pdfDocument` and nothing else (a link on the SVG is drawn by
 *   pdfmake after it: such an SVG is not recorded);
 * - PDFKit's `moveTo`, `lineTo`, `bezierCurveTo`, `quadraticCurveTo` and
 *   `closePath` only writing their operator with `addContent`, and the page
 *   content joining what is written with a newline, so that one write of
 *   the lines joined is the same as a write of each.
 * A drawing is recorded only when every call it makes returns the document
 * and takes plain values, and replayed only while the document's state it
 * read (such as the fill colour) is what it was; otherwise the SVG is drawn
 * as pdfmake draws it.
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;
interface Svg {
  svg: unknown;
  x: number;
  y: number;
  _width: number;
  _height: number;
  font?: string;
  options?: unknown;
  link?: unknown;
  linkToPage?: unknown;
}
interface Renderer {
  pdfDocument: Record<string | symbol, unknown> & { addContent(data: string): unknown };
}

/** What drawing did: a PDFKit call to make again, or operators to write again. */
type Step = { call: string; args: unknown[] } | { content: string[] };
interface Recording {
  steps: Step[];
  /** The document's state that drawing read, as it was: replayed only while it is the same. */
  read: Map<string, string>;
}

/** PDFKit methods that only write their operator. */
const PATH_METHODS = new Set(['moveTo', 'lineTo', 'bezierCurveTo', 'quadraticCurveTo', 'closePath']);

const INSTALLED = Symbol.for('letters.recordedSvg');
const TAGGED = Symbol.for('letters.taggedRenderer');

const require = createRequire(import.meta.url);

export function install(): void {
  const renderer = (require('pdfmake/js/Renderer') as { default: { prototype: Record<string | symbol, unknown> } }).default.prototype;
  if (renderer[INSTALLED]) return;
  // The tagging wraps renderSVG to mark what is drawn; a recording made inside that wrapper would miss the marks.
  if (renderer[TAGGED]) throw new Error('the recorded SVG shortcut must be installed before the tagging of PDFs');
  const renderSVG = renderer.renderSVG;
  if (typeof renderSVG !== 'function') throw new Error('pdfmake has no renderSVG: the recorded SVG shortcut relies on pdfmake 0.3\'s renderer');
  const recordings = new Map<string, Recording | null>();

  renderer.renderSVG = function (this: Renderer, svg: Svg) {
    if (typeof svg.svg !== 'string' || svg.link !== undefined || svg.linkToPage !== undefined) return (renderSVG as Method).call(this, svg);
    const key = JSON.stringify([svg.svg, svg.x, svg.y, svg._width, svg._height, svg.font ?? null, svg.options ?? null]);
    const recording = recordings.get(key);
    if (recording && sameState(this.pdfDocument, recording.read)) return replay(this.pdfDocument, recording.steps);
    if (recording !== undefined) return (renderSVG as Method).call(this, svg);
    const document = this.pdfDocument;
    const recorder = record(document);
    this.pdfDocument = recorder.proxy as Renderer['pdfDocument'];
    try {
      (renderSVG as Method).call(this, svg);
    } finally {
      this.pdfDocument = document;
    }
    recordings.set(key, recorder.recording());
  };
  renderer[INSTALLED] = true;
}

/** The document, seen through a proxy that records what is done with it. */
function record(document: Renderer['pdfDocument']): { proxy: object; recording(): Recording | null } {
  const steps: Step[] = [];
  const read = new Map<string, string>();
  let recordable = true;
  const proxy: object = new Proxy(document, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') {
        if (typeof property === 'string' && !read.has(property)) {
          const state = stateOf(value);
          if (state === undefined) recordable = false;
          else read.set(property, state);
        }
        return value;
      }
      return (...args: unknown[]) => {
        if (typeof property !== 'string' || !args.every(isPlain)) recordable = false;
        const written: string[] = [];
        let result;
        if (PATH_METHODS.has(property as string)) {
          const own = Object.getOwnPropertyDescriptor(target, 'addContent');
          const addContent = target.addContent;
          target.addContent = (data: string) => (written.push(data), addContent.call(target, data));
          try {
            result = (value as Method).apply(target, args);
          } finally {
            if (own) Object.defineProperty(target, 'addContent', own);
            else delete (target as Partial<typeof target>).addContent;
          }
          const last = steps.at(-1);
          if (last && 'content' in last) last.content.push(...written);
          else steps.push({ content: written });
        } else {
          result = (value as Method).apply(target, args);
          steps.push({ call: property as string, args: structuredClone(args) });
        }
        if (result !== target) recordable = false;
        return proxy;
      };
    },
  });
  return { proxy, recording: () => (recordable ? { steps, read } : null) };
}

function replay(document: Renderer['pdfDocument'], steps: Step[]): void {
  for (const step of steps) {
    if ('content' in step) document.addContent(step.content.join('\n'));
    else (document[step.call] as Method).apply(document, structuredClone(step.args));
  }
}

function sameState(document: Renderer['pdfDocument'], read: Map<string, string>): boolean {
  for (const [property, value] of read) if (stateOf(document[property]) !== value) return false;
  return true;
}

/** A state read, to compare; undefined for one that cannot be compared (a drawing that reads it is not recorded). */
function stateOf(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && !isPlain(value)) return undefined;
  return JSON.stringify(value) ?? 'undefined';
}

function isPlain(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return true;
  return Array.isArray(value) && value.every(isPlain);
}
