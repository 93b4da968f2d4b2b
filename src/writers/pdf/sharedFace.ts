import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { encodeSubsetsFast, type SubsetFont } from './subsetEncoder.js';
import { keepWordLayouts } from './wordLayouts.js';

/**
 * A face parsed once per thread and handed to PDFKit for every document.
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
 * (printer.ts makes one at a time).
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

/** The fontkit PDFKit loads (pdfmake → PDFKit → fontkit), with the format added; loaded with the first face, not with this module. */
function pdfkitFontkit(): FontkitModule {
  if (fontkit === undefined) {
    const require = createRequire(import.meta.url);
    fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as FontkitModule;
    fontkit.registerFormat(SharedFormat);
  }
  return fontkit;
}

export function shareFace(name: string, bytes: Buffer): SharedFace {
  const font = pdfkitFontkit().create(bytes) as Fontkit.Font;
  // Fail loudly, rather than make order-dependent PDFs, should a fontkit release keep its glyphs elsewhere.
  if (typeof (font as unknown as Partial<GlyphCache>)._glyphs !== 'object') throw new Error('fontkit keeps no glyph cache in `_glyphs`: sharedFace.ts needs updating for this fontkit');
  keepWordLayouts(font);
  encodeSubsetsFast(font as unknown as SubsetFont);
  const source = Buffer.from(`letters: the ${name} face, parsed once per thread`);
  shared.set(source, font);
  return { font, source };
}
