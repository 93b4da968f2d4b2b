import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

/**
 * Shortcut: a face parsed once per thread and handed to PDFKit for every document.
 *
 * Relies on (fontkit 2.0.4, as PDFKit 0.19.1 loads it): `registerFormat`,
 * fontkit calling `new format(stream)` for the first format whose `probe`
 * accepts the buffer PDFKit opens, and the glyph cache a font keeps in
 * `_glyphs` (checked when a face is shared). Relies on PDFKit opening the
 * bytes pdfmake's virtual file system holds for the face with
 * `fontkit.create`.
 *
 * PDFKit parses the font file it is given for every document, and parsing
 * (the OpenType tables above all) is a good third of what a naive PDF costs.
 * fontkit lets a program add a font format: pdfmake is given a small
 * stand-in buffer for each face, and the format added here turns exactly
 * that buffer into the face parsed once.
 *
 * A document opening the face gets it with an empty glyph cache, as if
 * newly parsed: fontkit keeps each glyph object with the characters it was
 * first made for, and PDFKit writes those characters into the document, so
 * a cache carried over would make one letter's bytes depend on the letters
 * before it. Two documents must therefore never be made at the same time
 * (writers/pdf/printer.ts makes one at a time).
 *
 * The other shortcuts that work on a shared face (wordLayouts.ts,
 * subsetEncoder.ts) add themselves with `treatEachSharedFace`.
 */
export interface SharedFace {
  font: Fontkit.Font;
  /** What pdfmake is given in place of the font file. */
  source: Buffer;
}

type FontkitModule = typeof Fontkit & { registerFormat(format: { probe(buffer: Uint8Array): boolean }): void };

interface GlyphCache {
  _glyphs: Record<number, unknown>;
}

const shared = new Map<Uint8Array, Fontkit.Font>();

/** fontkit calls `new format(stream)` when `probe` accepts a buffer: a constructor may return another object. */
function SharedFormat(stream: { buffer: Uint8Array }): Fontkit.Font {
  const font = shared.get(stream.buffer)!;
  (font as unknown as GlyphCache)._glyphs = {};
  return font;
}
SharedFormat.probe = (buffer: Uint8Array) => shared.has(buffer);

let fontkit: FontkitModule | undefined;

/** The fontkit PDFKit loads (pdfmake → PDFKit → fontkit); loaded on install, not with this module. */
function pdfkitFontkit(): FontkitModule {
  if (fontkit === undefined) {
    const require = createRequire(import.meta.url);
    fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as FontkitModule;
  }
  return fontkit;
}

let installed = false;

/** Adds the shared format to PDFKit's fontkit, once per thread. */
export function install(): void {
  if (installed) return;
  pdfkitFontkit().registerFormat(SharedFormat);
  installed = true;
}

export function isInstalled(): boolean {
  return installed;
}

/** What the other shortcuts do to each face when it is shared, in the order they were installed. */
const treatments = new Set<(font: Fontkit.Font) => void>();

export function treatEachSharedFace(treatment: (font: Fontkit.Font) => void): void {
  treatments.add(treatment);
}

/** The face parsed once; pdfmake is to be given `source` for it. Only once `install()` has run. */
export function shareFace(name: string, bytes: Buffer): SharedFace {
  if (!installed) throw new Error('sharedFace.ts: install() must run before a face is shared');
  const font = pdfkitFontkit().create(bytes) as Fontkit.Font;
  // Fail loudly, rather than make order-dependent PDFs, should a fontkit release keep its glyphs elsewhere.
  if (typeof (font as unknown as Partial<GlyphCache>)._glyphs !== 'object') throw new Error('fontkit keeps no glyph cache in `_glyphs`: src/engine/sharedFace.ts needs updating for this fontkit');
  for (const treat of treatments) treat(font);
  const source = Buffer.from(`letters: the ${name} face, parsed once per thread`);
  shared.set(source, font);
  return { font, source };
}
