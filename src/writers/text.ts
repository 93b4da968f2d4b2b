import { inlineText, LIST_BULLET, type Block, type LetterDocument, type Section } from '../document/types.js';

/**
 * Plain text: one block per paragraph, blank lines between, table cells
 * separated by tabs, and a form feed where a new page starts. Links show
 * their text only (the PDF carries the addresses).
 */
export function writeText(document: LetterDocument): string {
  return document.sections.map(writeSection).join('\n\f\n') + '\n';
}

export function writeSection(section: Section): string {
  return section.blocks.flatMap(blockLines).join('\n\n');
}

const handlers: { [K in Block['type']]: (block: Extract<Block, { type: K }>) => string[] } = {
  paragraph: (block) => [inlineText(block.children)],
  heading: (block) => [inlineText(block.children)],
  list: (block) => [block.items.map((item) => `${LIST_BULLET} ${inlineText(item)}`).join('\n')],
  table: (block) => [
    block.rows
      .map((row) => row.map((cell) => inlineText(cell.children) + '\t'.repeat(cell.colSpan - 1)).join('\t').trimEnd())
      .join('\n'),
  ],
  group: (block) => block.children.flatMap(blockLines),
  columns: (block) => block.columns.flat().flatMap(blockLines),
  signature: () => [],
  // The text letter keeps the words an image stands for (the letterhead's), so it reads as the published letters do.
  image: (block) => block.replaces.flatMap(blockLines),
};

function blockLines(block: Block): string[] {
  return (handlers[block.type] as (block: Block) => string[])(block);
}
