import { createRequire } from 'node:module';
import { ARTIFACT, rootOf, type StructureElement, type StructureTag } from './structure.js';

/**
 * The one hook the PDF writer puts into pdfmake, because tagging needs it
 * (not a shortcut: it is installed with the shortcuts on or off).
 *
 * Relies on (pdfmake 0.3.11): the deep imports `pdfmake/js/Renderer.js`,
 * `TextDecorator.js` and `PDFDocument.js`; the renderer's `renderPages`,
 * `renderLine`, `renderVector`, `renderImage` and `renderSVG` and the
 * decorator's `drawBackground` and `drawDecorations`, called with the
 * PDFKit document as `this.pdfDocument`; `renderLine` setting each word's
 * opacity and then drawing it with one `text` call; and the page items
 * (`line` items with `inlines`) pdfmake hands the renderer. On PDFKit
 * (0.19.1): `struct`, `addStructure`, `markStructureContent`,
 * `markContent`, `endMarkedContent`, `addPage`, `link` with `structParent`,
 * a structure element's `dictionary`, `add` and `_flushChild`,
 * `_currentStructureElement`, and `_addInfo` writing `info` into the XMP
 * metadata. A pdfmake that draws otherwise fails here with a message.
 *
 * pdfmake passes `tagged`, `subset` and the language on to PDFKit, which has
 * the structure API, but draws every word unmarked. This hook into pdfmake's
 * renderer marks what it draws: each word's text (with the colour and state
 * operators before it) inside marked content owned by the word's structure
 * element (structure.ts), an image or SVG inside its Figure's marked
 * content, and rules, cell shading, underlines and repeated table headers
 * as artifacts. The structure elements are made before the
 * first page, in reading order; a link's element takes its place among its
 * parent's marked content where it is first drawn, with its annotations.
 *
 * A word is marked where pdfmake's renderer starts drawing it: renderLine
 * sets the opacity of each of a line's words first, then draws it with one
 * call to `text` (checked as it goes). A document whose words carry no
 * structure, or that is not tagged, is drawn as pdfmake draws it.
 *
 * Installed once per process, into the pdfmake module every printer of the
 * process uses: the build's and the benchmark's plain pdfmake alike, so both
 * give the same bytes. With it, pdfmake's PDF document escapes the title,
 * author and subject it writes into the XMP metadata (PDFKit does not).
 */

/** The parts of PDFKit's document and structure elements used (PDFKit 0.19). */
interface PdfKitElement {
  dictionary: { data: Record<string, unknown> };
  add(child: unknown): PdfKitElement;
  _flushChild(child: unknown): void;
}
interface AnnotationReference {
  annotationRef: unknown;
}
interface PdfKitDocument {
  options: { tagged?: boolean };
  page: { dictionary: unknown };
  _currentStructureElement?: PdfKitElement | null;
  info: Record<string, unknown>;
  struct(role: string, options?: Record<string, unknown>): PdfKitElement;
  addStructure(element: PdfKitElement): void;
  markStructureContent(role: string, options?: Record<string, unknown>): unknown;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
  addPage(options: unknown): unknown;
  opacity(value: number): unknown;
  text(text: string, ...rest: unknown[]): unknown;
  link(x: number, y: number, w: number, h: number, url: string, options?: Record<string, unknown>): unknown;
  _addInfo(): void;
}
interface Inline {
  text: string;
  structure?: StructureTag;
  decoration?: unknown;
  background?: unknown;
}
interface Line {
  inlines: Inline[];
}
interface Page {
  items: { type: string; item: Partial<Line> }[];
}
/** A method of pdfmake's classes, called with the instance's `pdfDocument`. */
type Method = (this: { pdfDocument: PdfKitDocument }, ...args: any[]) => unknown;
type Prototype = Record<string, Method | undefined>;

const require = createRequire(import.meta.url);

/** Set on pdfmake's renderer once it marks what it draws: each copy of this module finds it, whichever installed the hook. */
const TAGGED = Symbol.for('letters.taggedRenderer');

export function installTagging(): void {
  const renderer = (require('pdfmake/js/Renderer') as { default: { prototype: Prototype & { [TAGGED]?: true } } }).default.prototype;
  if (renderer[TAGGED]) return;
  const decorator = (require('pdfmake/js/TextDecorator') as { default: { prototype: Prototype } }).default.prototype;
  const original = (prototype: Prototype, name: string): Method => {
    const method = prototype[name];
    if (typeof method !== 'function') throw new Error(`pdfmake has no ${name}: the tagging of PDFs relies on pdfmake 0.3's renderer`);
    return method;
  };
  const renderPages = original(renderer, 'renderPages');
  const renderLine = original(renderer, 'renderLine');
  const renderVector = original(renderer, 'renderVector');
  const renderImage = original(renderer, 'renderImage');
  const renderSVG = original(renderer, 'renderSVG');

  renderer.renderPages = function (pages: Page[]) {
    const root = this.pdfDocument.options.tagged ? structureOf(pages) : undefined;
    if (root) marking.set(this.pdfDocument, new ContentMarking(this.pdfDocument, root, brokenWords(pages)));
    renderPages.call(this, pages);
    marking.get(this.pdfDocument)?.close();
  };
  renderer.renderLine = function (line: Line, x: number, y: number) {
    const marks = marking.get(this.pdfDocument);
    marks?.startLine(line);
    renderLine.call(this, line, x, y);
    marks?.endLine();
  };
  renderer.renderVector = function (vector: unknown) {
    marking.get(this.pdfDocument)?.enter(ARTIFACT);
    renderVector.call(this, vector);
  };
  // An image or SVG node is the page item itself, with the Figure the definition gave it.
  renderer.renderImage = function (image: { structure?: StructureTag }) {
    marking.get(this.pdfDocument)?.enter(image.structure);
    renderImage.call(this, image);
  };
  renderer.renderSVG = function (svg: { structure?: StructureTag }) {
    marking.get(this.pdfDocument)?.enter(svg.structure);
    renderSVG.call(this, svg);
  };
  for (const [name, property] of [
    ['drawBackground', 'background'],
    ['drawDecorations', 'decoration'],
  ] as const) {
    const draw = original(decorator, name);
    decorator[name] = function (line: Line, ...rest: unknown[]) {
      const marks = marking.get(this.pdfDocument);
      const drawn = () => {
        // Backgrounds and underlines are drawn for some words of a line only; nothing is written for the others.
        if (line.inlines.some((inline) => inline[property])) marks?.enter(ARTIFACT);
        return draw.call(this, line, ...rest);
      };
      if (name !== 'drawDecorations' || !marks) return drawn();
      // A line that ends inside a word draws its underlines after the next line's words, so that nothing comes between the word's parts.
      const earlier = marks.takeWaitingDecorations();
      if (marks.runsOn(line)) {
        marks.waitWithDecorations(() => {
          earlier?.();
          drawn();
        });
        return undefined;
      }
      earlier?.();
      return drawn();
    };
  }
  // PDFKit writes the title, author and subject into the XMP metadata as they are: escape them for XML there, in every document.
  const pdfDocument = (require('pdfmake/js/PDFDocument') as { default: { prototype: PdfKitDocument } }).default.prototype;
  const addInfo = pdfDocument._addInfo;
  if (typeof addInfo !== 'function') throw new Error("PDFKit has no _addInfo: the escaping of the XMP metadata relies on PDFKit 0.19's");
  pdfDocument._addInfo = function (this: PdfKitDocument) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
  renderer[TAGGED] = true;
}

/** Each document's marking: kept on the document, which every copy of this module sees. */
const MARKING = Symbol.for('letters.contentMarking');
const marking = {
  get: (document: PdfKitDocument) => (document as { [MARKING]?: ContentMarking })[MARKING],
  set: (document: PdfKitDocument, value: ContentMarking) => void ((document as { [MARKING]?: ContentMarking })[MARKING] = value),
};

/** The structure tree the words on the pages belong to. */
function structureOf(pages: Page[]): StructureElement | undefined {
  for (const page of pages) {
    for (const { type, item } of page.items) {
      if (type !== 'line') continue;
      for (const inline of item.inlines ?? []) {
        if (inline.structure && inline.structure.role !== 'Artifact') return rootOf(inline.structure);
      }
    }
  }
  return undefined;
}

/** A word pdfmake breaks across two lines: what a reader is told it says (/ActualText), and whether its marked content has begun. */
interface BrokenWord {
  actual: string;
  /** The piece its last part is drawn in, on the next line. */
  end: Inline;
  begun: boolean;
}

/**
 * The words pdfmake breaks across two lines of a page (a web address cut
 * after a hyphen or a slash), by the pieces of the lines they are drawn in.
 * Such a word is marked as one piece of content from its first part to its
 * last, the line break inside it, and says the whole word (/ActualText), so
 * it is read once, whole, as the text letter writes it. A word runs on when
 * a line's last piece and the next line's first belong to the same element
 * with no space between them; its parts reach back and on to a space.
 */
function brokenWords(pages: Page[]): Map<Inline, BrokenWord> {
  const words = new Map<Inline, BrokenWord>();
  const spaced = (text: string) => /\s$/.test(text);
  for (const page of pages) {
    const lines = page.items.filter((item) => item.type === 'line').map((item) => item.item.inlines ?? []);
    lines.forEach((line, index) => {
      const next = lines[index + 1];
      const last = line.at(-1);
      const first = next?.[0];
      if (!next || !last || !first || !last.structure || last.structure.role === 'Artifact' || first.structure !== last.structure) return;
      if (spaced(last.text) || /^\s/.test(first.text) || words.has(last)) return;
      let start = line.length - 1;
      while (start > 0 && !spaced(line[start - 1]!.text) && line[start - 1]!.structure === last.structure) start--;
      let end = 0;
      while (end < next.length - 1 && !spaced(next[end]!.text) && next[end + 1]!.structure === last.structure) end++;
      const parts = [...line.slice(start), ...next.slice(0, end + 1)];
      const word = { actual: parts.map((inline) => inline.text).join(''), end: parts.at(-1)!, begun: false };
      for (const inline of parts) words.set(inline, word);
    });
  }
  return words;
}

/** The marking of one document's content, page by page. */
class ContentMarking {
  private readonly elements = new Map<StructureElement, PdfKitElement>();
  /** The page each header cell was first drawn on: drawn again later, it is pdfmake's repeated header. */
  private readonly firstPage = new Map<StructureElement, number>();
  private readonly annotationPages = new Map<unknown, unknown>();
  private current: StructureTag | undefined;
  /** The part of a broken word being marked, if any: it has marked content of its own. */
  private currentWord: BrokenWord | undefined;
  private page = -1;
  /** The underlines of a line that ends inside a word, drawn after the next line's words. */
  private waiting: (() => void) | undefined;
  private line: Line | undefined;
  private word = -1;

  constructor(
    private readonly document: PdfKitDocument,
    root: StructureElement,
    private readonly brokenWords: Map<Inline, BrokenWord>,
  ) {
    const made = document.struct(root.role);
    document.addStructure(made);
    this.elements.set(root, made);
    this.make(root, made);
    this.hook();
  }

  /** Every element below `parent`, in reading order; links are made when first drawn. */
  private make(parent: StructureElement, made: PdfKitElement): void {
    for (const child of parent.children) {
      const element = this.document.struct(child.role, { ...(child.scope ? { scope: child.scope } : {}), ...(child.alt !== undefined ? { alt: child.alt } : {}) });
      if (child.colSpan) element.dictionary.data.A = { O: 'Table', ...(element.dictionary.data.A as object), ColSpan: child.colSpan };
      made.add(element);
      this.elements.set(child, element);
      this.make(child, element);
    }
  }

  private hook(): void {
    const document = this.document;
    const { addPage, opacity, text, link } = document;
    document.addPage = (options) => {
      this.close();
      this.page++;
      return addPage.call(document, options);
    };
    document.opacity = (value) => {
      if (this.line) {
        const inline = this.line.inlines[++this.word];
        this.enter(inline?.structure, inline && this.brokenWords.get(inline));
      }
      return opacity.call(document, value);
    };
    document.text = (value, ...rest) => {
      if (this.line && this.line.inlines[this.word]?.text !== value) {
        throw new Error("pdfmake's renderer drew a word other than the one marked: the tagging of PDFs relies on pdfmake 0.3's renderLine");
      }
      return text.call(document, value, ...rest);
    };
    // PDFKit attaches a word's link annotation to the Link element being drawn; it gets the link's description and its page.
    document.link = (x, y, w, h, url, options = {}) => {
      const parent = options.structParent as PdfKitElement | undefined;
      if (parent && this.current && this.current.role === 'Link') {
        options.Contents = new String(this.current.link?.contents ?? url);
        options.structParent = {
          add: (reference: AnnotationReference) => {
            this.annotationPages.set(reference, document.page.dictionary);
            return parent.add(reference);
          },
        };
      }
      return link.call(document, x, y, w, h, url, options);
    };
  }

  /** True when `line` ends inside a word that goes on on the next line. */
  runsOn(line: Line): boolean {
    const last = line.inlines.at(-1);
    const word = last && this.brokenWords.get(last);
    return word !== undefined && word.end !== last;
  }

  /** Keeps a line's underlines to be drawn with the next line's. */
  waitWithDecorations(draw: () => void): void {
    this.waiting = draw;
  }

  /** The underlines kept waiting, if any, to be drawn now. */
  takeWaitingDecorations(): (() => void) | undefined {
    const draw = this.waiting;
    this.waiting = undefined;
    return draw;
  }

  startLine(line: Line): void {
    this.line = line;
    this.word = -1;
  }

  endLine(): void {
    this.line = undefined;
  }

  /** Ends the marked content being written, if any: before a new page and after the last. */
  close(): void {
    if (this.current === undefined) return;
    this.document.endMarkedContent();
    this.document._currentStructureElement = null;
    this.current = undefined;
    this.currentWord = undefined;
  }

  /** Marks what is drawn next as `tag`'s content (as part of a broken word when `part` is given); untagged if `tag` is undefined. */
  enter(tag: StructureTag | undefined, part?: BrokenWord): void {
    if (tag === this.current && part === this.currentWord) return;
    this.close();
    if (tag === undefined) return;
    this.current = tag;
    if (tag.role === 'Artifact') {
      this.document.markContent('Artifact', { type: 'Layout' });
      return;
    }
    if (tag.repeats) {
      const first = this.firstPage.get(tag) ?? this.page;
      this.firstPage.set(tag, first);
      if (first !== this.page) {
        this.document.markContent('Artifact', { type: 'Pagination' });
        return;
      }
    }
    const element = this.elementOf(tag);
    if (part) {
      // PDFKit writes /ActualText on Span marked content only (the content is still its element's), and only when
      // it is truthy: content of a word already said (after something else was drawn inside it) says nothing.
      this.currentWord = part;
      element.add(this.document.markStructureContent('Span', { actual: part.begun ? new String('') : part.actual }));
      part.begun = true;
    } else {
      element.add(this.document.markStructureContent(tag.role));
    }
    if (tag.role === 'Link') this.document._currentStructureElement = element;
  }

  private elementOf(tag: StructureElement): PdfKitElement {
    const known = this.elements.get(tag);
    if (known) return known;
    // A link, drawn for the first time.
    const parent = this.elementOf(tag.parent!);
    const made = this.document.struct(tag.role);
    const flushChild = made._flushChild;
    // PDFKit gives an annotation's reference (OBJR) the page being drawn when the element is written, at the end: give it the annotation's own.
    made._flushChild = (child) => {
      const page = this.annotationPages.get(child);
      if (page === undefined) return flushChild.call(made, child);
      (made.dictionary.data.K as unknown[]).push({ Type: 'OBJR', Obj: (child as AnnotationReference).annotationRef, Pg: page });
    };
    parent.add(made);
    this.elements.set(tag, made);
    return made;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
