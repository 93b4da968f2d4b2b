import { diffArrays } from 'diff';
import type { SectionName } from '../document/types.js';
import type { Word } from './normalise.js';

/** A rendered word knows the section of the letter it belongs to. */
export interface RenderedWord extends Word {
  section: SectionName;
}

/** One stretch where the published and rendered words differ. */
export interface Hunk {
  /** Words only the published letter has. */
  published: Word[];
  /** Words only our rendering has. */
  rendered: RenderedWord[];
  /** Line in the published file where the difference is (or would be). */
  line: number;
  section: SectionName;
}

/** Word-by-word difference (Myers, via jsdiff), grouped into hunks of adjacent changes. */
export function compareWords(published: Word[], rendered: RenderedWord[]): Hunk[] {
  const changes = diffArrays<Word>(published, rendered, { comparator: (a, b) => a.text === b.text });
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let publishedIndex = 0;
  let renderedIndex = 0;
  for (const change of changes) {
    const count = change.value.length;
    if (!change.added && !change.removed) {
      current = undefined;
      publishedIndex += count;
      renderedIndex += count;
      continue;
    }
    if (!current) {
      // Where a hunk sits: the next word on each side (or the last one, at the very end).
      const at = published[publishedIndex] ?? published[publishedIndex - 1];
      const near = rendered[renderedIndex] ?? rendered[renderedIndex - 1];
      current = { published: [], rendered: [], line: at?.line ?? 1, section: near?.section ?? 'letter' };
      hunks.push(current);
    }
    if (change.removed) {
      current.published.push(...published.slice(publishedIndex, publishedIndex + count));
      publishedIndex += count;
    } else {
      current.rendered.push(...rendered.slice(renderedIndex, renderedIndex + count));
      renderedIndex += count;
    }
  }
  return hunks;
}
