import type { ContentText, Style } from 'pdfmake/interfaces.js';
import type { Inline } from '../../document/types.js';
import { namedStyles } from './styles.js';

/** One run of text with its look; pdfmake draws an array of these as one paragraph. */
export type Run = Omit<ContentText, 'text'> & { text: string };

/** How the runs of one block look: its bold runs may be larger (statistics figures). */
export interface InlineLook {
  strong?: Style;
}

/**
 * Soft hyphens, zero-width spaces and joiners, bidi marks, BOMs: characters
 * with no ink (Unicode's Default_Ignorable_Code_Point). Left in, they end up
 * inside words of the PDF's text layer, so copy, search and screen readers
 * see "Knows­ley" for "Knowsley"; some viewers even draw a box.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Flattens inline content into runs. pdfmake does not pass a parent's style
 * on to nested text (its issue 1174), so bold, italics and links are
 * accumulated here and set on every run.
 */
export function inlineRuns(nodes: Inline[], look: InlineLook = {}): Run[] {
  const runs: Run[] = [];
  const walk = (children: Inline[], inherited: Omit<Run, 'text'>): void => {
    for (const node of children) {
      switch (node.type) {
        case 'text': {
          const text = stripInvisible(node.value);
          if (text !== '') runs.push({ ...inherited, text });
          break;
        }
        case 'break':
          runs.push({ ...inherited, text: '\n' });
          break;
        case 'strong':
          walk(node.children, { ...inherited, bold: true, ...look.strong });
          break;
        case 'emphasis':
          walk(node.children, { ...inherited, italics: true });
          break;
        case 'link':
          walk(node.children, { ...inherited, ...namedStyles.link, link: node.url });
          break;
        default:
          throw new Error(`Cannot handle unknown inline node ${JSON.stringify(node satisfies never)}`);
      }
    }
  };
  walk(nodes, {});
  return runs;
}
