import type { LetterDocument } from '../../document/types.js';
import { installShortcuts } from '../../engine/index.js';
import { documentDefinition, drawnTexts } from './documentDefinition.js';
import { assertDrawable, loadFonts, type FaceName, type LetterFace, type LetterFonts } from './fonts.js';
import { installTagging } from './tagging.js';

/** Prints letters to PDF bytes; create one per thread and reuse it for every letter. */
export interface PdfPrinter {
  /**
   * One letter's PDF. Every call lays out a fresh PDF document, so the bytes
   * depend on this letter only, never on the letters printed before it.
   */
  print(document: LetterDocument): Promise<Buffer>;
}

/** The parts of pdfmake's public server-side API used here; `virtualfs` is not in its typings. */
interface PdfMake {
  setFonts(fonts: Record<string, Record<FaceName, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: ReturnType<typeof documentDefinition>): { getBuffer(): Promise<Buffer> };
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
}

/**
 * Loads pdfmake (only here, so text-only commands never do) and the fonts,
 * once. pdfmake keeps fonts in one instance per module, so all printers of
 * a thread share that set-up; it is the same every time.
 *
 * Documents are made one at a time, in the order asked for, whichever
 * printer asks: with the shortcuts on (src/engine/) the faces are shared,
 * and a document must have them to itself from its first word to its last
 * byte (src/engine/sharedFace.ts).
 *
 * Locked down: fonts come from pdfmake's in-memory file system, and the
 * URL and local-file policies refuse everything else, so no content can
 * make pdfmake fetch a URL or read a file.
 */
export async function createPdfPrinter(): Promise<PdfPrinter> {
  // Before the fonts are read: the shared faces are made as they are.
  installShortcuts();
  const [fonts, pdfmake] = await Promise.all([loadFonts(), loadPdfMake()]);
  configure(pdfmake, fonts);
  return {
    async print(document) {
      const definition = documentDefinition(document);
      assertDrawable(drawnTexts(definition.content), fonts);
      const made = printing.then(() => pdfmake.createPdf(definition).getBuffer());
      printing = made.catch(() => undefined);
      return made;
    },
  };
}

/** The document being made; the next one starts when it has its bytes (or has failed). */
let printing: Promise<unknown> = Promise.resolve();

async function loadPdfMake(): Promise<PdfMake> {
  const module = await import('pdfmake');
  installTagging();
  return module.default as unknown as PdfMake;
}

function configure(pdfmake: PdfMake, fonts: LetterFonts): void {
  const family = {} as Record<FaceName, string>;
  for (const [face, { source }] of Object.entries(fonts.faces) as [FaceName, LetterFace][]) {
    family[face] = `letters-fonts/${fonts.family}-${face}.ttf`;
    pdfmake.virtualfs.writeFileSync(family[face], source);
  }
  pdfmake.setFonts({ [fonts.family]: family });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
}
