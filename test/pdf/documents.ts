import type { Block, Inline, LetterDocument, TableCell } from '../../src/document/types.js';

/** Small documents written out as trees, for what the published letters' data cannot show. */

const text = (value: string): Inline => ({ type: 'text', value });
const paragraph = (value: string, style?: Extract<Block, { type: 'paragraph' }>['style']): Block =>
  style ? { type: 'paragraph', children: [text(value)], style } : { type: 'paragraph', children: [text(value)] };
const cell = (value: string, colSpan = 1): TableCell => ({ children: [text(value)], colSpan });

const meta = (name: string): LetterDocument['meta'] => ({
  title: `Annual Review letter 2020 – ${name}`,
  author: 'Michael King, Local Government and Social Care Ombudsman',
  subject: `Annual Review letter 2020: ${name}`,
  language: 'en-GB',
  date: '2020-07-22',
});

/** A one-page letter to `name`, with a link to `url` when given. */
export function letterWith(name: string, url?: string): LetterDocument {
  const blocks: Block[] = [
    paragraph('Local Government & Social Care OMBUDSMAN', 'letterhead'),
    paragraph('22 July 2020', 'date'),
    { type: 'paragraph', style: 'address', children: [text('Chief Executive'), { type: 'break' }, text(name)] },
    { type: 'heading', depth: 1, children: [text('Annual Review letter 2020')] },
  ];
  if (url) blocks.push({ type: 'paragraph', children: [text('See '), { type: 'link', url, children: [text('our page')] }, text('.')] });
  return { meta: meta(name), sections: [{ name: 'letter', blocks }] };
}

/** A letter and a 2018-style tables page: merged header cells, a wide table, notes beside a table. */
export function tablesAndColumns(): LetterDocument {
  const categories = ['Adult Care Services', 'Benefits and Tax', 'Corporate and Other Services', "Education and Children's Services", 'Environment Services', 'Highways and Transport', 'Housing', 'Planning and Development', 'Other', 'Total'];
  return {
    meta: meta('Sefton Metropolitan Borough Council'),
    sections: [
      { name: 'letter', blocks: letterWith('Sefton Metropolitan Borough Council').sections[0]!.blocks },
      {
        name: 'tables',
        blocks: [
          { type: 'heading', depth: 2, children: [text('Complaints and enquiries received')] },
          { type: 'table', headerRows: 1, rows: [categories.map((c) => cell(c)), ['19', '6', '6', '14', '2', '4', '1', '6', '1', '59'].map((n) => cell(n))] },
          { type: 'heading', depth: 2, children: [text('Decisions made')] },
          {
            type: 'table',
            headerRows: 2,
            rows: [
              [cell('Decisions made', 4), cell('Detailed Investigations', 4)],
              ['Incomplete or Invalid', 'Advice Given', 'Referred back for Local Resolution', 'Closed After Initial Enquiries', 'Not Upheld', 'Upheld', 'Uphold Rate', 'Total'].map((h) => cell(h)),
              ['4', '0', '24', '14', '9', '12', '57%', '63'].map((n) => cell(n)),
            ],
          },
          {
            type: 'columns',
            columns: [
              [
                { type: 'heading', depth: 3, children: [text('Notes')] },
                paragraph('The number of remedied complaints may not equal the number of upheld complaints. This is because, while we may uphold a complaint because we find fault, we may not always find grounds to say that fault caused injustice that ought to be remedied.', 'notes'),
              ],
              [
                { type: 'heading', depth: 3, children: [text('Complaints Remedied')] },
                { type: 'table', headerRows: 1, rows: [[cell('by LGO'), cell('Satisfactorily by Authority before LGO Involvement')], [cell('10'), cell('0')]] },
              ],
            ],
          },
        ],
      },
    ],
  };
}

/**
 * The document as the text of its PDF's pages has it: an image is drawn,
 * not written, so the blocks it stands for (the letterhead's words) are not
 * there; the structure tree says them as the image's /Alt (tagging.test.ts).
 */
export function withoutImages(document: LetterDocument): LetterDocument {
  return { ...document, sections: document.sections.map((section) => ({ ...section, blocks: section.blocks.filter((block) => block.type !== 'image') })) };
}
