import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isDict, isRef, pdfObjects, pdfValue, streamContents, type PdfDict, type PdfValue, type Ref } from './pdfObjects.js';

/**
 * A tagged PDF read back as an assistive technology reads it: the structure
 * tree from the PDF's objects, each element with the text of the marked
 * content it owns (read by pdf.js, or the content's /ActualText where it has
 * one, which a reader says instead) and its /Alt, and every operator that
 * shows text, paints a path or an image on every page checked for the
 * marked content around it.
 */

export interface Element {
  role: string;
  /** The element's attributes (/A), e.g. a table cell's /Scope. */
  attributes: PdfDict;
  children: Element[];
  /** Its words and its descendants', in structure order. */
  text: string;
  /** Its alternative text (/Alt), said in place of a figure. */
  alt?: string;
  /** What its own marked content paints besides text: paths (vectors) and images. */
  painted: { paths: number; images: number };
  /** Link annotations it owns (OBJR): object number and the page object the reference names. */
  annotations: { object: number; page: number }[];
}

export interface TaggedPdf {
  /** The StructTreeRoot's children (one Document). */
  roots: Element[];
  catalog: PdfDict;
  pages: PdfDict[];
  /** Text shown outside any marked content owned by a structure element and outside any artifact, page by page; "[path]" or "[image]" for a path or image painted there. */
  unmarked: string[][];
  /** Every piece of marked content that says what it shows in other words (/ActualText): "page/mcid" → its words. */
  actualTexts: Map<string, string>;
  /** Marked content whose MCID the parent tree does not give to the element that owns it in the tree, as "page/mcid". */
  misfiled: string[];
  /** Every link annotation: its address, /Contents, and the role of the element the parent tree gives it. */
  links: { object: number; page: number; url: string; contents: string | undefined; owner: string | undefined }[];
  markInfo: Record<string, unknown> | null;
  xmp: Record<string, unknown>;
}

const TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
const PATH_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.stroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeStroke, OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.shadingFill]);
const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

/** The /ActualText of each piece of marked content of a page's content stream, by MCID. */
function actualTextsOf(content: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const [, properties = ''] of content.matchAll(/\/\w+\s*(<<[\s\S]*?>>)\s*BDC/g)) {
    const dict = pdfValue(properties) as PdfDict;
    if (typeof dict.MCID === 'number' && typeof dict.ActualText === 'string') found.set(dict.MCID, dict.ActualText);
  }
  return found;
}

export async function readTags(bytes: Buffer): Promise<TaggedPdf> {
  const objects = pdfObjects(bytes);
  const get = (value: PdfValue | undefined): PdfValue | undefined => (isRef(value) ? objects.get(value.ref) : value);
  const trailerRoot = /\/Root (\d+) 0 R/.exec(bytes.toString('latin1').slice(bytes.lastIndexOf('trailer')))![1];
  const catalog = objects.get(Number(trailerRoot)) as PdfDict;
  const pageRefs = ((get((get(catalog.Pages) as PdfDict).Kids) as Ref[]) ?? []).map((ref) => ref.ref);
  const pages = pageRefs.map((ref) => objects.get(ref) as PdfDict);

  // Text of each marked-content sequence, as pdf.js reads it: "page object/mcid" → text.
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const texts = new Map<string, string>();
  const actualTexts = new Map<string, string>();
  const shown: { page: number; mcid: number | undefined; artifact: boolean; text: string }[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const pageRef = pageRefs[number - 1]!;
    const open: string[] = [];
    let last: string | undefined;
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') open.pop();
        else open.push(/_mc(\d+)$/.exec(item.id ?? '')?.[1] ?? '');
      } else if (open.at(-1)) {
        last = `${pageRef}/${open.at(-1)}`;
        texts.set(last, (texts.get(last) ?? '') + item.str + (item.hasEOL ? '\n' : ''));
      } else if (item.hasEOL && last) {
        // pdf.js reports a line end where the next line starts, which may be in an artifact (an underline): it ends the text before.
        texts.set(last, `${texts.get(last)}\n`);
      }
    }
    // A page ends a line too.
    if (last) texts.set(last, `${texts.get(last)}\n`);
    // A reader says a piece of content's /ActualText instead of what it shows (pdf.js's line ends around it stay).
    const contents = get(pages[number - 1]!.Contents);
    for (const ref of Array.isArray(contents) ? contents : [pages[number - 1]!.Contents]) {
      for (const [mcid, actual] of actualTextsOf(streamContents(bytes, objects, (ref as Ref).ref).toString('latin1'))) {
        const key = `${pageRef}/${mcid}`;
        const shownText = texts.get(key) ?? '';
        actualTexts.set(key, actual);
        texts.set(key, `${/^\s*/.exec(shownText)![0]}${actual}${/\s*$/.exec(shownText)![0]}`);
      }
    }
    const operators = await page.getOperatorList();
    const stack: { mcid: number | undefined; artifact: boolean }[] = [];
    const onPage: (typeof shown)[number] = [];
    // A paint with no path before it paints nothing (PDFKit fills before each word it draws).
    let path = false;
    operators.fnArray.forEach((fn, index) => {
      const args = operators.argsArray[index] as unknown[];
      if (fn === OPS.constructPath || fn === OPS.rectangle) path = true;
      if (PATH_OPS.has(fn) && fn !== OPS.shadingFill) {
        if (!path) return;
        path = false;
      }
      if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
        stack.push({ artifact: String(args[0]) === 'Artifact', mcid: typeof args[1] === 'number' ? args[1] : undefined });
      } else if (fn === OPS.endMarkedContent) {
        stack.pop();
      } else if (TEXT_OPS.has(fn) || PATH_OPS.has(fn) || IMAGE_OPS.has(fn)) {
        const glyphs = TEXT_OPS.has(fn) ? ((fn === OPS.showText || fn === OPS.showSpacedText ? args[0] : args.at(-1)) as unknown[]) : [];
        const shows = glyphs.map((glyph) => (typeof glyph === 'object' && glyph !== null ? ((glyph as { unicode?: string }).unicode ?? '') : '')).join('');
        const text = TEXT_OPS.has(fn) ? shows : PATH_OPS.has(fn) ? '[path]' : '[image]';
        const marked = stack.findLast((entry) => entry.artifact || entry.mcid !== undefined);
        onPage.push({ page: pageRef, mcid: marked?.mcid, artifact: marked?.artifact ?? false, text });
      }
    });
    shown.push(onPage);
  }
  const markInfo = (await document.getMarkInfo()) as Record<string, unknown> | null;
  const xmp = (await document.getMetadata()).metadata?.getAll() ?? {};
  await document.destroy();

  // The structure tree from the objects.
  const owned = new Map<string, number>();
  const owners = new Map<number, Element>();
  const read = (ref: Ref): Element => {
    const dict = objects.get(ref.ref) as PdfDict;
    const element: Element = { role: String(dict.S).slice(1), attributes: (get(dict.A) as PdfDict) ?? {}, children: [], text: '', annotations: [], painted: { paths: 0, images: 0 } };
    if (typeof dict.Alt === 'string') element.alt = dict.Alt;
    owners.set(ref.ref, element);
    const kids = get(dict.K);
    for (const kid of Array.isArray(kids) ? kids : kids === undefined || kids === null ? [] : [kids]) {
      if (typeof kid === 'number' || (isDict(kid) && kid.Type === '/MCR')) {
        const page = typeof kid === 'number' ? (dict.Pg as Ref).ref : (kid.Pg as Ref).ref;
        const mcid = typeof kid === 'number' ? kid : (kid.MCID as number);
        owned.set(`${page}/${mcid}`, ref.ref);
        element.text += texts.get(`${page}/${mcid}`) ?? '';
        for (const entry of shown.flat()) {
          if (entry.page !== page || entry.mcid !== mcid || entry.artifact) continue;
          if (entry.text === '[path]') element.painted.paths++;
          if (entry.text === '[image]') element.painted.images++;
        }
      } else if (isDict(kid) && kid.Type === '/OBJR') {
        element.annotations.push({ object: (kid.Obj as Ref).ref, page: (kid.Pg as Ref).ref });
      } else if (isRef(kid)) {
        const child = read(kid);
        element.children.push(child);
        element.text += child.text;
      }
    }
    return element;
  };
  const treeRoot = get(catalog.StructTreeRoot) as PdfDict | undefined;
  const rootKids = get(treeRoot?.K);
  const roots = (Array.isArray(rootKids) ? rootKids : []).filter(isRef).map(read);

  // The parent tree: what a reader asks to find the element of a piece of content or an annotation.
  const nums = (get((get(treeRoot?.ParentTree) as PdfDict | undefined)?.Nums) as PdfValue[] | undefined) ?? [];
  const parentTree = new Map<number, PdfValue | undefined>();
  for (let index = 0; index < nums.length; index += 2) parentTree.set(nums[index] as number, nums[index + 1]);
  const misfiled: string[] = [];
  pages.forEach((page, index) => {
    const mcids = get(parentTree.get(page.StructParents as number));
    for (const [key, owner] of owned) {
      if (!key.startsWith(`${pageRefs[index]}/`)) continue;
      const mcid = Number(key.split('/')[1]);
      if (!Array.isArray(mcids) || (mcids[mcid] as Ref | undefined)?.ref !== owner) misfiled.push(key);
    }
  });

  const unmarked = shown.map((onPage) => onPage.filter((entry) => !entry.artifact && (entry.mcid === undefined || !owned.has(`${entry.page}/${entry.mcid}`))).map((entry) => entry.text));
  const links = pages.flatMap((page, index) =>
    ((get(page.Annots) as Ref[] | undefined) ?? []).map((ref) => {
      const annotation = objects.get(ref.ref) as PdfDict;
      const ownerRef = parentTree.get(annotation.StructParent as number);
      return {
        object: ref.ref,
        page: pageRefs[index]!,
        url: String((get(annotation.A) as PdfDict | undefined)?.URI ?? ''),
        contents: annotation.Contents as string | undefined,
        owner: isRef(ownerRef) ? owners.get(ownerRef.ref)?.role : undefined,
      };
    }),
  );
  return { roots, catalog, pages, unmarked, actualTexts, misfiled, links, markInfo, xmp };
}
