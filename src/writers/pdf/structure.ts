/**
 * The structure tree of a tagged PDF, as plain objects: built from the
 * document model while the definition is made (documentDefinition.ts), in
 * the order the text writer writes, and turned into the PDF's structure
 * elements when the pages are drawn (tagging.ts). Every run of text
 * in the definition carries the element it belongs to (`structure`), and
 * pdfmake passes that property on to each word it lays out.
 */

export type StructureRole = 'Document' | 'Sect' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD' | 'Link' | 'Figure';

export interface StructureElement {
  role: StructureRole;
  readonly parent?: StructureElement;
  /** Child elements in reading order (a link is not among them: see `link`). */
  children: StructureElement[];
  /** A figure's alternative text (/Alt): what is read in place of the image. */
  alt?: string;
  /** A header cell's scope. */
  scope?: 'Column';
  /** Columns a table cell covers, when more than one. */
  colSpan?: number;
  /** A header cell that pdfmake repeats at the top of a new page: the repeat is drawn as an artifact. */
  repeats?: boolean;
  /**
   * A link: what its annotation says it does (/Contents). A link takes its
   * place among its parent's marked content where it is first drawn.
   */
  link?: { contents: string };
}

/** Content drawn for layout only, with no words: padding cells of a table, the space for a signature with no image. */
export const ARTIFACT = Object.freeze({ role: 'Artifact' as const });
export type Artifact = typeof ARTIFACT;

/** What a run of text in the definition belongs to. */
export type StructureTag = StructureElement | Artifact;

export function element(role: StructureRole, parent?: StructureElement, extra: Partial<StructureElement> = {}): StructureElement {
  const made: StructureElement = { role, children: [], ...extra };
  if (parent) {
    // Not enumerable, so that a definition prints as a tree (pdfmake and tests print nodes as JSON).
    Object.defineProperty(made, 'parent', { value: parent, enumerable: false });
    if (!made.link) parent.children.push(made);
  }
  return made;
}

/** The root of the tree an element belongs to. */
export function rootOf(tag: StructureElement): StructureElement {
  let at = tag;
  while (at.parent) at = at.parent;
  return at;
}
