import { describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces.js';
import { BLOCK_STYLES, type Block, type LetterDocument } from '../../src/document/types.js';
import { documentDefinition, drawnTexts } from '../../src/writers/pdf/documentDefinition.js';
import { blockLooks } from '../../src/writers/pdf/styles.js';
import { letterWith, tablesAndColumns } from './documents.js';

/** The definition of a one-section letter holding just `blocks`, without the structure elements its runs carry (structure.test.ts checks those). */
function contentOf(...blocks: Block[]): Content[] {
  const document: LetterDocument = { ...letterWith('X'), sections: [{ name: 'letter', blocks }] };
  const [section] = documentDefinition(document).content as { stack: Content[] }[];
  return JSON.parse(JSON.stringify(section!.stack, (key, value: unknown) => (key === 'structure' ? undefined : value))) as Content[];
}

const text = (value: string) => ({ type: 'text' as const, value });

describe('documentDefinition', () => {
  it('lays out A4 pages with the metadata, language and a creation date of the letter date at UTC midnight', () => {
    const definition = documentDefinition(letterWith('Knowsley Metropolitan Borough Council'));
    expect(definition).toMatchObject({
      pageSize: 'A4',
      language: 'en-GB',
      displayTitle: true,
      info: {
        title: 'Annual Review letter 2020 – Knowsley Metropolitan Borough Council',
        author: 'Michael King, Local Government and Social Care Ombudsman',
        creator: 'letters',
        creationDate: new Date(Date.UTC(2020, 6, 22)),
      },
    });
  });

  it('sets each block style of the model on its node, as a look of its own', () => {
    for (const style of BLOCK_STYLES) {
      const [paragraph] = contentOf({ type: 'paragraph', style, children: [text('X')] });
      expect(paragraph, style).toEqual({ ...blockLooks[style].block, text: [{ text: 'X' }] });
    }
    const [lead] = contentOf({ type: 'paragraph', style: 'lead', children: [text('X')] });
    expect(lead).toEqual({ fontSize: 12, margin: [0, 4, 0, 8], text: [{ text: 'X' }] });
  });

  it('names no style anywhere, so pdfmake never searches a style dictionary (styleLookup.ts)', () => {
    const definition = documentDefinition(tablesAndColumns());
    expect(definition).not.toHaveProperty('styles');
    expect(JSON.stringify(definition.content)).not.toContain('"style"');
  });

  it('gives every node its own margin array: pdfmake keeps it as layout state', () => {
    const [first, second] = contentOf({ type: 'paragraph', children: [text('A')] }, { type: 'paragraph', children: [text('B')] });
    const margin = (node: unknown) => (node as { margin: number[] }).margin;
    expect(margin(first)).toEqual([0, 0, 0, 8]);
    expect(margin(first)).not.toBe(margin(second));
  });

  it('starts every section but the first on a new page', () => {
    const content = documentDefinition(tablesAndColumns()).content as unknown as Record<string, unknown>[];
    expect(content.map((section) => section.pageBreak)).toEqual([undefined, 'before']);
  });

  it('sets bold, italic and link runs flat, since pdfmake does not pass styles down nested text', () => {
    const [paragraph] = contentOf({
      type: 'paragraph',
      children: [
        text('See '),
        { type: 'link', url: 'mailto:advice@lgo.org.uk', children: [{ type: 'strong', children: [text('us')] }] },
        { type: 'break' },
        { type: 'emphasis', children: [text('soon')] },
      ],
    });
    expect(paragraph).toEqual({
      margin: [0, 0, 0, 8],
      text: [
        { text: 'See ' },
        { text: 'us', bold: true, link: 'mailto:advice@lgo.org.uk', color: expect.any(String), decoration: 'underline' },
        { text: ' \n' },
        { text: 'soon', italics: true },
      ],
    });
  });

  it('sets the headline figures of a statistics page large', () => {
    const [lead] = contentOf({ type: 'paragraph', style: 'lead', children: [{ type: 'strong', children: [text('75%')] }, text(' of complaints')] });
    const [figure] = (lead as { text: { text: string; fontSize?: number }[] }).text;
    expect(figure).toMatchObject({ text: '75%', bold: true });
    expect(figure!.fontSize).toBeGreaterThanOrEqual(20);
  });

  it('removes soft hyphens, zero-width and other invisible characters from the text', () => {
    const [paragraph] = contentOf({ type: 'paragraph', children: [text('Knows\u00ADley\u200B Metro\u2060politan\uFEFF \u200Eand\u200F')] });
    expect([...drawnTexts(paragraph)]).toEqual(['Knowsley Metropolitan and']);
  });

  it('makes real tables: header rows shaded and repeated, merged cells followed by placeholders, short rows padded', () => {
    const cell = (value: string, colSpan = 1) => ({ children: [text(value)], colSpan });
    const [table] = contentOf({ type: 'table', headerRows: 1, rows: [[cell('Decisions made', 2), cell('Total')], [cell('4')]] });
    expect(table).toMatchObject({
      table: {
        headerRows: 1,
        widths: ['*', '*', '*'],
        body: [
          [{ text: [{ text: 'Decisions made' }], colSpan: 2, bold: true, alignment: 'center' }, {}, { text: [{ text: 'Total' }], bold: true }],
          [{ text: [{ text: '4' }], alignment: 'center' }, { text: [{ text: '' }] }, { text: [{ text: '' }] }],
        ],
      },
    });
  });

  it('sets columns side by side', () => {
    const [columns] = contentOf({ type: 'columns', columns: [[{ type: 'paragraph', children: [text('Notes')] }], [{ type: 'paragraph', children: [text('Table')] }]] });
    expect(columns).toMatchObject({ columns: [{ width: '*', stack: [{ text: [{ text: 'Notes' }] }] }, { width: '*', stack: [{ text: [{ text: 'Table' }] }] }] });
  });

  it('keeps "Yours sincerely,", the space for the signature and the signatory on one page', () => {
    const content = contentOf(
      { type: 'paragraph', children: [text('Body')] },
      { type: 'paragraph', children: [text('Yours sincerely,')] },
      { type: 'signature' },
      { type: 'paragraph', style: 'signoff', children: [text('Michael King')] },
    );
    expect(content).toHaveLength(2);
    expect(content[1]).toMatchObject({ unbreakable: true, stack: [{ text: [{ text: 'Yours sincerely,' }] }, { text: [{ text: '' }] }, { text: [{ text: 'Michael King' }] }] });
  });

  it('keeps a heading with what follows it, unless it ends its section', () => {
    const content = contentOf({ type: 'heading', depth: 2, children: [text('Complaint statistics')] }, { type: 'heading', depth: 2, children: [text('Last')] });
    expect(content.map((node) => (node as { headlineLevel?: number }).headlineLevel)).toEqual([2, undefined]);
    const { pageBreakBefore } = documentDefinition(letterWith('X'));
    const alone = { getFollowingNodesOnPage: () => [] };
    expect(pageBreakBefore!({ headlineLevel: 2 } as never, alone as never)).toBe(true);
    expect(pageBreakBefore!({} as never, alone as never)).toBe(false);
  });

  it('refuses a block type it does not know', () => {
    expect(() => contentOf({ type: 'video' } as unknown as Block)).toThrow('Cannot handle unknown block node {"type":"video"}');
  });
});
