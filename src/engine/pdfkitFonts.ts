import { createRequire } from 'node:module';

/**
 * The class of the fonts PDFKit embeds (its `EmbeddedFont`, which PDFKit
 * does not export), for the shortcuts that replace one of its methods
 * (scaledRuns.ts, wordCuts.ts).
 *
 * Relies on (PDFKit 0.19.1): every font a document opens becoming its
 * `_font` in `font()`, the method pdfmake opens each face with. The class
 * is found on the first document that opens a font that has `layoutRun`
 * (PDFKit's standard fonts have none), and each treatment added here is
 * given its prototype once, in the order they were added.
 */

/** The parts of PDFKit's document class used here. */
interface PdfkitDocumentClass {
  prototype: { font(this: { _font?: unknown }, ...args: unknown[]): unknown };
}

/** An EmbeddedFont prototype, with what PDFKit gives it. */
export type FontPrototype = Record<string | symbol, unknown>;

const treatments = new Set<(prototype: FontPrototype) => void>();
const treated = new Set<FontPrototype>();
let finding = false;

/** Gives `treatment` the EmbeddedFont prototype: now if it is found already, else when PDFKit first opens an embedded font. */
export function treatEmbeddedFontClass(treatment: (prototype: FontPrototype) => void): void {
  if (treatments.has(treatment)) return;
  treatments.add(treatment);
  for (const prototype of treated) treatment(prototype);
  findOnOpen();
}

function findOnOpen(): void {
  if (finding) return;
  const { prototype } = pdfkitDocumentClass();
  const font = prototype.font;
  prototype.font = function (this: { _font?: unknown }, ...args: unknown[]) {
    const result = font.apply(this, args);
    const opened = this._font;
    if (opened) treat(Object.getPrototypeOf(opened) as FontPrototype);
    return result;
  };
  finding = true;
}

function treat(prototype: FontPrototype): void {
  if (treated.has(prototype) || typeof prototype.layoutRun !== 'function') return;
  treated.add(prototype);
  for (const treatment of treatments) treatment(prototype);
}

/** PDFKit's document class, as pdfmake loads it. */
export function pdfkitDocumentClass(): PdfkitDocumentClass {
  const require = createRequire(import.meta.url);
  const PDFDocument = createRequire(require.resolve('pdfmake'))('pdfkit') as Partial<PdfkitDocumentClass> | undefined;
  if (typeof PDFDocument?.prototype?.font !== 'function') {
    throw new Error('PDFKit is not the version src/engine/pdfkitFonts.ts was made for (0.19.1): its documents have no font()');
  }
  return PDFDocument as PdfkitDocumentClass;
}
