import * as glyphMetrics from './glyphMetrics.js';
import * as lineText from './lineText.js';
import * as markupLexer from './markupLexer.js';
import * as scaledRuns from './scaledRuns.js';
import * as sharedFace from './sharedFace.js';
import * as streamChunks from './streamChunks.js';
import * as styleLookup from './styleLookup.js';
import * as subsetEncoder from './subsetEncoder.js';
import * as svgReplay from './svgReplay.js';
import { shortcutsMode, shortcutsOn } from './switch.js';
import * as wordCuts from './wordCuts.js';
import * as wordLayouts from './wordLayouts.js';

export { shortcutsMode, shortcutsOn, SWITCH, type ShortcutsMode } from './switch.js';

/**
 * The shortcuts layer: every reach into a library's internals made for
 * speed, one module each, each with an `install()` and the internals it
 * relies on in its header. The PDF writer (src/writers/pdf/) works without
 * any of them, on pdfmake's public API; with `LETTERS_SHORTCUTS=0` none is
 * installed, so a new pdfmake, PDFKit or fontkit can be tried with the
 * shortcuts off first (docs/performance.md, "Shortcuts layer"). Worker
 * threads inherit the environment, so a batch's threads follow the same
 * switch. Each shortcut but two is designed to give the same bytes as the
 * public path; lineText.ts and streamChunks.ts change them by design and
 * keep what a reader gets, and `LETTERS_SHORTCUTS=exact` leaves them out.
 * test/differential/shortcuts.test.ts checks both: the bytes with the
 * exact ones, what a reader gets with all.
 */

export type SharedFace = sharedFace.SharedFace;

/** Installs every shortcut, once per thread, unless they are switched off. Call before any face is loaded (the PDF writer does). */
export function installShortcuts(): void {
  if (!shortcutsOn()) return;
  styleLookup.install();
  sharedFace.install();
  wordLayouts.install();
  scaledRuns.install();
  glyphMetrics.install();
  wordCuts.install();
  subsetEncoder.install();
  svgReplay.install();
  // These change the bytes by design, keeping what a reader gets: left out when only the exact ones are asked for.
  if (shortcutsMode() === 'all') {
    lineText.install();
    streamChunks.install();
  }
  markupLexer.install();
}

/** The lexer letter markup is lexed with: marked's own, or with the shortcuts on the one that remembers runs (markupLexer.ts). */
export function letterMarkupLexer(): markupLexer.MarkupLexer {
  if (shortcutsOn()) markupLexer.install();
  return markupLexer.lexerClass();
}

/** The face parsed once per thread, with what pdfmake is to be given for it; undefined with the shortcuts off. */
export function sharedFaceFor(name: string, bytes: Buffer): SharedFace | undefined {
  return sharedFace.isInstalled() ? sharedFace.shareFace(name, bytes) : undefined;
}
