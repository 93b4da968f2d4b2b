/**
 * The document model: one tree per letter, written out by every writer
 * (text, PDF, HTML: the registry in `writers/index.ts`). Templates produce
 * markup; `markup/parse` turns it into this, and `document/placeImages`
 * puts in the year's images.
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
  /** The space a hand signature takes, when the year has no signature image. */
  | { type: 'signature' }
  /**
   * One of the year's images (its letterhead or its signature): drawn by the
   * PDF and HTML writers, with `image.alt` read in its place. `replaces` are
   * the template's blocks it takes the place of (the letterhead's words):
   * the text letter writes them, and nothing else does.
   */
  | { type: 'image'; place: ImagePlace; image: LetterImage; replaces: Block[] };

/** Where a year's image goes: the top of the first page, or between "Yours sincerely," and the name. */
export type ImagePlace = 'letterhead' | 'signature';

/**
 * An image a year names in year.yaml, read and checked once with its
 * templates (load/yearImages.ts) and shared by every letter of the year.
 */
export interface LetterImage {
  /** Its file's name in the year's template folder. */
  name: string;
  format: 'svg' | 'png' | 'jpeg';
  bytes: Uint8Array;
  /** Its own size (pixels, or an SVG's user units): only the ratio of the two is used. */
  width: number;
  height: number;
  /** What a reader is told in its place. */
  alt: string;
}


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
