import type { LetterDocument } from './types.js';

/** The word that marks a draft: in the title, and drawn on every page. */
export const DRAFT_MARK = 'Draft';

/**
 * The same letter marked as a draft, so it can never pass for a final one:
 * "DRAFT" leads its title, and the writers draw the mark on it (the text
 * letter, which is compared with the published words, is left as it is).
 */
export function markDraft(document: LetterDocument): LetterDocument {
  return { ...document, meta: { ...document.meta, title: `DRAFT – ${document.meta.title}`, draft: true } };
}
