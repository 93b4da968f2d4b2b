import type { ContentText, Style } from 'pdfmake/interfaces.js';
import { inlineText, type Inline } from '../../document/types.js';
import { element, type StructureTag } from './structure.js';
import { namedStyles } from './styles.js';

/**
 * One run of text with its look, and the structure element it belongs to;
 * pdfmake draws an array of these as one paragraph.
 */
export type Run = Omit<ContentText, 'text'> & { text: string; structure?: StructureTag };

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
 * accumulated here and set on every run, and so is the structure element:
 * `structure`, or the Link element made under it for a link's runs.
 */
export function inlineRuns(nodes: Inline[], look: InlineLook = {}, structure?: StructureTag): Run[] {
  const runs: Run[] = [];
  const walk = (children: Inline[], inherited: Omit<Run, 'text'>): void => {
    for (const node of children) {
      switch (node.type) {
        case 'text': {
          const text = stripInvisible(node.value);
          if (text !== '') runs.push(...(inherited.link ? urlRuns(text, inherited) : [{ ...inherited, text }]));
          break;
        }
        case 'break':
          // The space ends the line's words for whoever reads the text (it takes no room: pdfmake cuts trailing spaces).
          runs.push({ ...inherited, text: ' \n' });
          break;
        case 'strong':
          walk(node.children, { ...inherited, bold: true, ...look.strong });
          break;
        case 'emphasis':
          walk(node.children, { ...inherited, italics: true });
          break;
        case 'link': {
          const link = structure && structure.role !== 'Artifact' ? { structure: element('Link', structure, { link: { contents: linkContents(node.url, node.children) } }) } : {};
          walk(node.children, { ...inherited, ...namedStyles.link, link: node.url, ...link });
          break;
        }
        default:
          throw new Error(`Cannot handle unknown inline node ${JSON.stringify(node satisfies never)}`);
      }
    }
  };
  walk(nodes, structure ? { structure } : {});
  return runs;
}

/** What a link's annotation says (/Contents): its words, and where it goes when the words do not say. */
function linkContents(url: string, children: Inline[]): string {
  const words = stripInvisible(inlineText(children)).trim();
  const bare = url.replace(/^(https?:\/\/|mailto:)/, '').replace(/\/$/, '');
  return words.replace(/^(https?:\/\/)/, '').replace(/\/$/, '') === bare ? words : `${words} (${url})`;
}

/**
 * A web address shown as text breaks at a slash after the host, never right
 * after "https://" (where the line breaking rules allow it): the scheme and
 * host, with the slash after them, are one unbreakable run.
 */
function urlRuns(text: string, look: Omit<Run, 'text'>): Run[] {
  const host = /^https?:\/\/[^/\s]+\/?/.exec(text)?.[0];
  if (host === undefined || host === text) return [{ ...look, text, ...(host ? { noWrap: true } : {}) }];
  return [
    { ...look, text: host, noWrap: true },
    { ...look, text: text.slice(host.length) },
  ];
}
