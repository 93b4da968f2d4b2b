/**
 * The exact versions of the packages whose internals the shortcuts
 * (src/engine/) and the tagging (src/writers/pdf/tagging.ts) reach into. package.json pins each at this version (pdfkit and fontkit through
 * `overrides`, so there is one fontkit: the one PDFKit runs is the one the
 * types describe). An upgrade is made by changing the pin, running the
 * differential tests (test/differential/), and then changing the version
 * here; test/differential/versions.test.ts fails until both agree.
 */
export interface ReliedOn {
  name: string;
  version: string;
  /** What relies on it, as the failure message says it. */
  what: string;
}

export const RELIED_ON: readonly ReliedOn[] = [
  { name: 'fontkit', version: '2.0.4', what: 'the word-layout cache, the shared faces, the subset encoder and the kept glyph metrics (src/engine/)' },
  { name: 'pdfkit', version: '0.19.1', what: 'the shared faces (src/engine/sharedFace.ts), which PDFKit opens through fontkit, the scaled runs and the word cuts (src/engine/scaledRuns.ts, wordCuts.ts), which replace the layoutRun and layout of the EmbeddedFont class its font() opens (src/engine/pdfkitFonts.ts), the stream pieces (src/engine/streamChunks.ts), which compress what its references finalize, and the tagging (src/writers/pdf/tagging.ts), which uses its structure elements and escapes what its _addInfo writes into the XMP metadata' },
  { name: 'pdfmake', version: '0.3.11', what: 'the style lookup (src/engine/styleLookup.ts) and its deep import of pdfmake/js/StyleContextStack.js, the SVG replay (src/engine/svgReplay.ts) and its deep import of pdfmake/js/3rd-party/svg-to-pdfkit.js, the line text (src/engine/lineText.ts), which merges the words of the lines pdfmake/js/Renderer.js draws, and the tagging (src/writers/pdf/tagging.ts), which hooks into pdfmake/js/Renderer.js and TextDecorator.js' },
  { name: 'marked', version: '18.2.1', what: 'the caching lexer (src/engine/markupLexer.ts)' },
];

/** What the suite says when `found` is installed in place of the version relied on; undefined when they agree. */
export function versionMismatch({ name, version, what }: ReliedOn, found: string): string | undefined {
  if (found === version) return undefined;
  return `${what} ${what.includes(' and ') ? 'were' : 'was'} written against ${name} ${version}; found ${found}: rerun the differential tests (test/differential/) and update src/reliedOnVersions.ts (to try the new version on the public paths first, set LETTERS_SHORTCUTS=0)`;
}
