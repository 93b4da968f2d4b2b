import { createRequire } from 'node:module';

/**
 * Shortcut: the words of a line that look alike drawn as one text object.
 *
 * Relies on (pdfmake 0.3.11): the deep import `pdfmake/js/Renderer.js`, its
 * `renderPages(pages)` drawing each `line` item of a page through
 * `renderLine`, which draws each of the line's `inlines` with one PDFKit
 * (0.19.1) `text(inline.text, x + inline.x, …)` call after setting its
 * opacity, colour, font and size, reading the inline's `width` only for
 * links and the other fields named in `ALONE`; and pdfmake placing the
 * words of a line side by side (`Line.addInline`: each word's `x` is the
 * previous word's `x` plus its width, alignment moving them all alike). On
 * PDFKit: `text` laying out a string word by word, cut after each space or
 * tab (`EmbeddedFont.layout`), each word as pdfmake measured it.
 *
 * pdfmake draws every word as a text object of its own, with its opacity,
 * colour and position set again: a page of a letter is over a hundred
 * kilobytes of content before compression, all of it written, and then
 * deflated. Here, before the pages are drawn, each run of a line's words
 * that share font, size, colour, opacity and structure element, and stand
 * side by side, cut after a space, becomes one word of the run's text:
 * PDFKit lays it out in the same pieces pdfmake measured, and draws it
 * with one text operator, its glyphs where pdfmake would have put them.
 *
 * The bytes change by design: test/differential/shortcuts.test.ts compares
 * what a reader gets (pixels, text, links, structure). Left alone: words
 * with links, decoration, background, super- or subscript, spacing,
 * features or page references, and the parts of a word broken across two
 * lines, which the tagging (src/writers/pdf/tagging.ts) marks as one word
 * of their own.
 */

const MERGING = Symbol.for('letters.lineText');

interface Inline {
  text: string;
  x: number;
  width: number;
  font: unknown;
  fontSize: number;
  color?: unknown;
  opacity?: number;
  structure?: unknown;
  [field: string]: unknown;
}
interface Page {
  items: { type: string; item: { inlines?: Inline[] } }[];
}
type RenderPages = (this: unknown, pages: Page[]) => unknown;
interface RendererPrototype {
  renderPages?: RenderPages;
  renderLine?: unknown;
  /** Set once the runs are merged: each copy of this module finds it, whichever installed it. */
  [MERGING]?: true;
}

/** Fields any of which keeps a word drawn on its own, as pdfmake draws it. */
const ALONE = ['link', 'linkToPage', 'linkToDestination', '_pageNodeRef', 'fontFeatures', 'characterSpacing', 'decoration', 'background', 'sup', 'sub'] as const;

/** Where pdfmake placed a word against where the run puts it: pdfmake's own sums, so equal but for rounding. */
const SIDE_BY_SIDE = 1e-9;


export function install(): void {
  const renderer = pdfmakeRenderer();
  if (renderer[MERGING]) return;
  const renderPages = renderer.renderPages!;
  renderer.renderPages = function (this: unknown, pages: Page[]) {
    for (const page of pages) mergeRuns(page);
    return renderPages.call(this, pages);
  };
  renderer[MERGING] = true;
}

/** Whether pdfmake's renderer merges runs in this thread. */
export function isInstalled(): boolean {
  return pdfmakeRenderer()[MERGING] === true;
}

function pdfmakeRenderer(): RendererPrototype {
  const renderer = (createRequire(import.meta.url)('pdfmake/js/Renderer.js') as { default?: { prototype: RendererPrototype } }).default?.prototype;
  const renderPages = renderer?.renderPages;
  if (!renderer || typeof renderPages !== 'function' || typeof renderer.renderLine !== 'function') {
    throw new Error('pdfmake is not the version src/engine/lineText.ts was made for (0.3.11): its Renderer has no renderPages or renderLine');
  }
  return renderer;
}

/** Puts each run of alike words of the page's lines in one word; the lines are pdfmake's, made for this document only. */
export function mergeRuns(page: Page): void {
  let previous: Inline[] | undefined;
  for (const { type, item } of page.items) {
    if (type !== 'line' || !item.inlines) continue;
    const inlines = item.inlines;
    item.inlines = mergedLine(inlines, brokenParts(previous, inlines));
    previous = inlines;
  }
}

/**
 * The words of `line` that may be parts of a word broken across lines: the
 * pieces after its last space, and, when the line before ends without
 * one, its pieces up to its first space. The tagging marks those as one
 * word, by the pieces pdfmake made.
 */
function brokenParts(previous: Inline[] | undefined, line: Inline[]): Set<Inline> {
  const parts = new Set<Inline>();
  if (previous?.length && !endsWithSpace(previous.at(-1)!)) {
    for (const inline of line) {
      parts.add(inline);
      if (endsWithSpace(inline)) break;
    }
  }
  for (let index = line.length - 1; index >= 0 && !endsWithSpace(line[index]!); index -= 1) parts.add(line[index]!);
  return parts;
}

function mergedLine(line: Inline[], broken: Set<Inline>): Inline[] {
  const merged: Inline[] = [];
  let run: Inline[] = [];
  /** The run's words' widths summed, as its one word's width. */
  let width = 0;
  const flush = () => {
    if (run.length === 1) merged.push(run[0]!);
    else if (run.length > 1) merged.push({ ...run[0]!, text: run.map((inline) => inline.text).join(''), width });
    run = [];
    width = 0;
  };
  for (const inline of line) {
    const alone = !mergeable(inline, broken);
    const last = run.at(-1);
    if (last && (alone || !follows(last, inline, run[0]!.x + width))) flush();
    run.push(inline);
    width += inline.width;
    if (alone) flush();
  }
  flush();
  return merged;
}

function mergeable(inline: Inline, broken: Set<Inline>): boolean {
  return !broken.has(inline) && ALONE.every((field) => !inline[field]);
}

/** Whether `next` goes on the run ending in `last`, whose text ends at `end`: alike, and where that text puts it. */
function follows(last: Inline, next: Inline, end: number): boolean {
  return (
    endsWithSpace(last) &&
    next.font === last.font &&
    next.fontSize === last.fontSize &&
    next.color === last.color &&
    (next.opacity ?? 1) === (last.opacity ?? 1) &&
    next.structure === last.structure &&
    next.height === last.height &&
    Math.abs(end - next.x) <= SIDE_BY_SIDE
  );
}

/** PDFKit cuts a string into words after each space or tab, as pdfmake's pieces end. */
function endsWithSpace(inline: Inline): boolean {
  const last = inline.text.at(-1);
  return last === ' ' || last === '\t';
}
