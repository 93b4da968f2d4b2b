import type { Content, ContentImage, ContentSvg, Margins, Node, TableCell as PdfTableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { LIST_BULLET, type Block, type Inline, type LetterDocument, type LetterImage, type Section, type TableCell } from '../../document/types.js';
import { DRAFT_MARK } from '../../document/draft.js';
import { imageDataUri, svgText } from '../imageSources.js';
import { inlineRuns, stripInvisible, type Run } from './inlines.js';
import { ARTIFACT, element, type StructureElement } from './structure.js';
import {
  BULLET_WIDTH,
  blockLooks,
  COLUMN_GAP,
  defaultStyle,
  drawnImageSize,
  look,
  PAGE_MARGINS,
  SIGNATURE_SPACE,
  TABLE_HEADER_FILL,
  tableLayout,
  WIDE_TABLE_COLUMNS,
} from './styles.js';

/**
 * LetterDocument → pdfmake document definition. Pure: the same document
 * gives the same definition, and nothing here reads fonts or files, so the
 * layout can be tested without printing. Every section after the first
 * starts a new page; headings are kept with what follows them.
 *
 * pdfmake writes its layout state into the definition it prints, so every
 * call builds new objects throughout (styles copied, no shared nodes):
 * nothing one letter's layout leaves behind can reach the next letter.
 *
 * Tagged (PDF/UA-1): the structure tree is built here too, from the same
 * blocks in the order the text writer writes them (structure.ts); every run
 * carries its element, and tagging.ts marks what pdfmake draws.
 */
export function documentDefinition(document: LetterDocument): TDocumentDefinitions {
  const { meta } = document;
  const root = element('Document');
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    // 1.4 is the first version with a document language (Lang); PDF/UA-1 is based on 1.7.
    version: '1.7',
    language: meta.language,
    displayTitle: true,
    tagged: true,
    // PDFKit's PDF/UA: the pdfuaid identification in the XMP metadata.
    subset: 'PDF/UA',
    info: {
      title: stripInvisible(meta.title),
      author: stripInvisible(meta.author),
      subject: stripInvisible(meta.subject),
      creator: 'letters',
      producer: 'pdfmake (PDFKit)',
      // The letter date, not the build time, so rebuilds are byte-identical.
      creationDate: new Date(`${meta.date}T00:00:00Z`),
    },
    defaultStyle: structuredClone(defaultStyle),
    // A PNG or JPEG by its name, so that pdfmake embeds it once however often it is drawn.
    images: rasterImages(document),
    content: document.sections.filter((section) => section.blocks.length > 0).map((section, index) => sectionContent(section, index, root)),
    pageBreakBefore: keepHeadingWithNext,
    ...(meta.draft ? { header: draftMark } : {}),
  };
}

/** A draft's mark at the top of every page, in text: an artifact, so it is not read as part of the letter. */
function draftMark(): Content {
  const runs: Run[] = [{ text: DRAFT_MARK, structure: ARTIFACT, bold: true, color: '#942514' }];
  return { text: runs, alignment: 'right', margin: [0, 20, PAGE_MARGINS[2], 0] };
}

function sectionContent(section: Section, index: number, root: StructureElement): Content {
  const sect = element('Sect', root);
  const contents = section.blocks.map((block) => blockContent(block, sect));
  // A heading that ends its section has nothing to keep with: the next section starts a new page anyway.
  const last = contents.at(-1) as { headlineLevel?: number } | undefined;
  if (last?.headlineLevel !== undefined) delete last.headlineLevel;
  const stack = keepSignOffTogether(contents, section.blocks.findIndex((block) => block.type === 'signature' || (block.type === 'image' && block.place === 'signature')));
  return index === 0 ? { stack } : { stack, pageBreak: 'before' };
}

/** A heading last on its page moves to the next one, with the text it introduces. */
function keepHeadingWithNext(node: Node, queries: { getFollowingNodesOnPage(): Node[] }): boolean {
  return node.headlineLevel !== undefined && queries.getFollowingNodesOnPage().length === 0;
}

/**
 * "Yours sincerely,", the space for the signature and the signatory's name
 * belong on one page: a signature alone at the top of a page signs nothing.
 */
function keepSignOffTogether(contents: Content[], at: number): Content[] {
  if (at === -1) return contents;
  const start = Math.max(0, at - 1);
  return [...contents.slice(0, start), { stack: contents.slice(start, at + 2), unbreakable: true }, ...contents.slice(at + 2)];
}

/**
 * Each block's node, with its structure elements made under `parent`. A
 * group and columns add no element of their own: their blocks are read one
 * after another, column by column, as the text writer writes them.
 */
const handlers: { [K in Block['type']]: (block: Extract<Block, { type: K }>, parent: StructureElement) => Content } = {
  paragraph: (block, parent) =>
    block.style
      ? { ...look('paragraph', block.style), text: inlineRuns(block.children, blockLooks[block.style], element('P', parent)) }
      : { ...look('paragraph'), text: inlineRuns(block.children, {}, element('P', parent)) },
  heading: (block, parent) => ({
    ...look(`heading${block.depth}`),
    text: inlineRuns(block.children, {}, element(`H${block.depth}`, parent)),
    headlineLevel: block.depth,
  }),
  list: (block, parent) => listContent(block.items, element('L', parent)),
  table: (block, parent) => tableContent(block.headerRows, block.rows, element('Table', parent)),
  group: (block, parent) => ({ ...look(block.style), stack: block.children.map((child) => blockContent(child, parent)), unbreakable: true }),
  columns: (block, parent) => ({
    columns: block.columns.map((blocks) => ({ stack: blocks.map((child) => blockContent(child, parent)), width: '*' })),
    columnGap: COLUMN_GAP,
  }),
  // Nothing is drawn in the space, so it has no element (no Figure).
  signature: () => ({ text: [{ text: '', structure: ARTIFACT }], margin: [0, 0, 0, SIGNATURE_SPACE] }),
  image: (block, parent) => imageContent(block.image, block.place, element('Figure', parent, { alt: stripInvisible(block.image.alt) })),
};

/** An image at its size (`drawnImageSize`): an SVG drawn as vectors, a PNG or JPEG as an image. */
function imageContent(image: LetterImage, place: 'letterhead' | 'signature', figure: StructureElement): Content {
  const { width, height } = drawnImageSize(image, place);
  const margin = place === 'letterhead' ? look('letterhead').margin : ([0, 0, 0, 8] as Margins);
  // `structure` goes on with the node to the page, where tagging.ts marks what is drawn as the Figure's.
  const node: (ContentSvg | ContentImage) & { structure: StructureElement } =
    image.format === 'svg' ? { svg: svgText(image), width, height, margin, structure: figure } : { image: image.name, width, height, margin, structure: figure };
  return node;
}

/** The document's PNGs and JPEGs by name, as pdfmake takes them. */
function rasterImages(document: LetterDocument): Record<string, string> {
  const images: Record<string, string> = {};
  for (const section of document.sections) {
    for (const block of section.blocks) if (block.type === 'image' && block.image.format !== 'svg') images[block.image.name] = imageDataUri(block.image);
  }
  return images;
}

export function blockContent(block: Block, parent: StructureElement): Content {
  const handler = handlers[block.type] as ((block: Block, parent: StructureElement) => Content) | undefined;
  if (!handler) throw new Error(`Cannot handle unknown block node ${JSON.stringify(block)}`);
  return handler(block, parent);
}

/**
 * A list item is its bullet, drawn as text so that it is read and copied as
 * the text letter writes it, beside its words: L → LI → Lbl + LBody.
 */
function listContent(items: Inline[][], list: StructureElement): Content {
  return {
    ...look('list'),
    stack: items.map((item) => {
      const listItem = element('LI', list);
      return {
        columns: [
          { width: BULLET_WIDTH, text: [{ text: LIST_BULLET, structure: element('Lbl', listItem) }] },
          { width: '*', text: inlineRuns(item, {}, element('LBody', listItem)) },
        ],
        columnGap: 0,
      };
    }),
  };
}

/**
 * A real table: header rows repeat on a new page and are shaded; a merged
 * cell is followed by the empty placeholders pdfmake expects; short rows are
 * padded so that every row has the same number of columns.
 */
function tableContent(headerRows: number, rows: TableCell[][], table: StructureElement): Content {
  const width = Math.max(1, ...rows.map((row) => row.reduce((sum, cell) => sum + cell.colSpan, 0)));
  // Ten categories side by side fit the page only in smaller type, and only
  // if each column is as wide as its words need: pdfmake makes '*' columns
  // all as wide as the widest, which would run off the page.
  const wide = width > WIDE_TABLE_COLUMNS;
  const body = rows.map((row, index) => {
    const header = index < headerRows;
    const tr = element('TR', table);
    const cells: PdfTableCell[] = row.flatMap((cell) => [
      {
        text: inlineRuns(cell.children, {}, cellElement(tr, header, cell.colSpan)),
        colSpan: cell.colSpan,
        alignment: header || isFigure(cell) ? 'center' : 'left',
        ...(header ? { ...look('tableHeader'), fillColor: TABLE_HEADER_FILL } : {}),
      },
      ...Array.from({ length: cell.colSpan - 1 }, () => ({})),
    ]);
    // Padding to the full width: layout only, not a cell of the letter's table. Each its own runs: pdfmake writes into them.
    while (cells.length < width) {
      const padding = [{ text: '', structure: ARTIFACT }];
      cells.push(header ? { text: padding, fillColor: TABLE_HEADER_FILL } : { text: padding });
    }
    return cells;
  });
  return {
    ...(wide ? look('table', 'tableWide') : look('table')),
    table: { headerRows, dontBreakRows: true, widths: Array.from({ length: width }, () => (wide ? 'auto' : '*')), body },
    layout: { ...tableLayout },
  };
}

/** TH (scope Column) in a header row, TD elsewhere; a header cell is repeated when its table runs onto another page. */
function cellElement(tr: StructureElement, header: boolean, colSpan: number): StructureElement {
  const span = colSpan > 1 ? { colSpan } : {};
  return header ? element('TH', tr, { scope: 'Column', repeats: true, ...span }) : element('TD', tr, span);
}

/** Counts and rates are centred under their (centred) headings, as in the published tables. */
function isFigure(cell: TableCell): boolean {
  return cell.children.every((child) => child.type === 'text' && /^[\d.,%\s–-]*$/.test(child.value)) && cell.children.length > 0;
}

/**
 * Every string the definition draws, after invisible characters were
 * removed: what the font must be able to draw. Strings stand for text
 * wherever pdfmake accepts content, so only content-holding keys are walked.
 */
export function* drawnTexts(content: unknown): Generator<string> {
  if (typeof content === 'string') {
    yield content;
  } else if (Array.isArray(content)) {
    for (const item of content) yield* drawnTexts(item);
  } else if (content !== null && typeof content === 'object') {
    const node = content as Record<string, unknown>;
    for (const key of ['text', 'stack', 'columns', 'ul', 'table', 'body']) yield* drawnTexts(node[key]);
  }
}
