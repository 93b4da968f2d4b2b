/**
 * The document model: one tree per letter, written out by every writer
 * (text, PDF, HTML: the registry in `writers/index.ts`). Templates produce
 * markup; `markup/parse` turns it into this.
 */

/** Inline content of a paragraph, heading or table cell. */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  /** A clickable link; `url` is http(s) or mailto. */
  | { type: 'link'; url: string; children: Inline[] }
  /** A hard line break inside a block (recipient address, sign-off). */
  | { type: 'break' };

/** Named looks a template may give a block; each writer knows them all. */
export const BLOCK_STYLES = [
  'letterhead', // the Ombudsman's name at the top of the first page
  'date', // the letter date
  'address', // the recipient block
  'title', // "Annual Review letter 2020"
  'signoff', // name and roles of the signatory
  'figure', // a large statistic ("9 upheld decisions")
  'lead', // the sentence that carries a headline percentage
  'small', // "Statistics are based on…" lines, notes
  'notes', // the notes column beside a 2018 table
] as const;
export type BlockStyle = (typeof BLOCK_STYLES)[number];

export interface TableCell {
  children: Inline[];
  /** Columns this cell covers (1 unless a header cell is merged to the right). */
  colSpan: number;
}

/** What marks a list item, in every writer: read aloud and copied with the item. */
export const LIST_BULLET = '•';

export type Block =
  | { type: 'paragraph'; children: Inline[]; style?: BlockStyle }
  | { type: 'heading'; depth: 1 | 2 | 3; children: Inline[] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'table'; headerRows: number; rows: TableCell[][] }
  /** A styled group of blocks (e.g. the large figure on a statistics page). */
  | { type: 'group'; style: BlockStyle; children: Block[] }
  /** Blocks laid side by side in the PDF and HTML, one after another in text. */
  | { type: 'columns'; columns: Block[][] }
  /** The space a hand signature takes. */
  | { type: 'signature' };

/** Sections are compared separately by `letters diff`; each starts a new page. */
export const SECTION_NAMES = ['letter', 'statistics', 'tables'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface Section {
  name: SectionName;
  blocks: Block[];
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  /** BCP 47 language tag of the text. */
  language: string;
  /** The letter date (ISO yyyy-mm-dd): also the PDF's creation date, so rebuilds are identical. */
  date: string;
}

export interface LetterDocument {
  meta: DocumentMeta;
  sections: Section[];
}

/** The plain text of inline content, as a reader would say it. */
export function inlineText(nodes: Inline[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.value;
        break;
      case 'break':
        out += '\n';
        break;
      default:
        out += inlineText(node.children);
    }
  }
  return out;
}
