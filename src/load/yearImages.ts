import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { XmlDocument, XmlElement } from 'xmldoc';
import type { ImagePlace, LetterImage } from '../document/types.js';
import type { Problem } from '../errors.js';
import type { YearConfig, YearImage } from '../validate/schema.js';
import { locate, type YamlFile } from './yamlFile.js';

/** The images a year's letters draw, by where they go. */
export type YearImages = Partial<Record<ImagePlace, LetterImage>>;

/** Where each image is named in year.yaml. */
const NAMED_AT: Record<ImagePlace, readonly string[]> = { letterhead: ['letterhead'], signature: ['signatory', 'signature'] };

const FORMATS: Record<string, LetterImage['format']> = { '.svg': 'svg', '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg' };
const FORMAT_NAMES: Record<LetterImage['format'], string> = { svg: 'an SVG', png: 'a PNG', jpeg: 'a JPEG' };

/** What an SVG may not hold: the PDF draws an SVG as vectors, with no fonts of its own and nothing fetched. */
const NOT_DRAWN: Record<string, string> = {
  text: 'convert its words to paths (outlines)',
  image: 'an SVG here draws with vectors only',
  foreignObject: 'an SVG here draws with vectors only',
  script: 'an image runs nothing',
};

/**
 * Reads and checks the images `year.yaml` names (each file once, for every
 * letter of the year): a file in the year's template folder, of the format
 * its extension says (its bytes are looked at, an SVG is parsed), with its
 * `alt`. Every problem names year.yaml's line and the field.
 */
export async function readYearImages(yaml: YamlFile, config: YearConfig, dir: string): Promise<{ images: YearImages; files: string[]; problems: Problem[] }> {
  const named: Partial<Record<ImagePlace, YearImage>> = { letterhead: config.letterhead, signature: config.signatory.signature };
  const images: YearImages = {};
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const place of Object.keys(NAMED_AT) as ImagePlace[]) {
    const entry = named[place];
    if (!entry) continue;
    const at = NAMED_AT[place];
    const problem = (field: readonly string[], message: string): Problem => ({
      severity: 'error',
      file: yaml.file,
      ...locate(yaml, field),
      field: [...at, ...field.slice(at.length)].join('.'),
      message,
    });
    if (entry.alt === undefined) {
      problems.push({ ...problem(at, 'an image needs `alt`: the words a screen reader says in its place'), field: [...at, 'alt'].join('.') });
    }
    const read = await readImageFile(entry.image, dir);
    if ('problem' in read) {
      problems.push(problem([...at, 'image'], read.problem));
      continue;
    }
    files.push(read.path);
    if (entry.alt !== undefined) images[place] = { ...read.image, alt: entry.alt };
  }
  return { images, files, problems };
}

async function readImageFile(name: string, dir: string): Promise<{ path: string; image: Omit<LetterImage, 'alt'> } | { problem: string }> {
  const path = join(dir, name);
  if (outside(resolve(dir), resolve(dir, name))) return { problem: `must name a file in the year's template folder (${dir}): ${name} is outside it` };
  const format = FORMATS[extname(name).toLowerCase()];
  if (!format) return { problem: `must be an SVG, PNG or JPEG file (.svg, .png, .jpg or .jpeg): ${name}` };
  let bytes: Buffer;
  try {
    // A link inside the folder that leads out of it is outside it too.
    if (outside(await realpath(dir), await realpath(path))) return { problem: `must name a file in the year's template folder (${dir}): ${name} leads outside it` };
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? `file not found: ${path}` : code === 'EISDIR' ? `is a folder, not an image file: ${path}` : `cannot read ${path} (${code ?? String(error)})` };
  }
  const size = format === 'svg' ? svgSize(bytes) : rasterSize(bytes, format);
  if ('problem' in size) return { problem: `${path} is not ${FORMAT_NAMES[format]} image: ${size.problem}` };
  return { path, image: { name, format, bytes, width: size.width, height: size.height } };
}

function outside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside.startsWith('..') || isAbsolute(inside);
}

/** A PNG's or JPEG's size from its header; what its bytes really are when they are not what its name says. */
function rasterSize(bytes: Buffer, format: 'png' | 'jpeg'): { width: number; height: number } | { problem: string } {
  let found: ReturnType<typeof imageSize>;
  try {
    found = imageSize(bytes);
  } catch {
    return { problem: 'its bytes are not an image of any kind known here' };
  }
  const type = found.type === 'jpg' ? 'jpeg' : found.type;
  if (type !== format) {
    const other = type === 'png' || type === 'jpeg' || type === 'svg' ? `its bytes are ${FORMAT_NAMES[type]} image's` : `its bytes are a ${String(type).toUpperCase()} image's`;
    return { problem: `${other} (give the file the extension of its format)` };
  }
  if (!found.width || !found.height) return { problem: 'it has no size' };
  return { width: found.width, height: found.height };
}

/** An SVG's size (its width and height, or its viewBox), after checking it parses and draws with vectors only. */
function svgSize(bytes: Buffer): { width: number; height: number } | { problem: string } {
  let document: XmlDocument;
  try {
    document = new XmlDocument(bytes.toString('utf8'));
  } catch (error) {
    return { problem: `it does not parse as XML (${String((error as Error).message).split('\n')[0]})` };
  }
  if (document.name !== 'svg') return { problem: `its root element is <${document.name}>, not <svg>` };
  const refused = firstElement(document, (element) => element.name in NOT_DRAWN);
  if (refused) return { problem: `it holds <${refused.name}>, which the PDF does not draw: ${NOT_DRAWN[refused.name]}` };
  const viewBox = document.attr.viewBox?.trim().split(/[\s,]+/).map(Number);
  const width = length(document.attr.width) ?? viewBox?.[2];
  const height = length(document.attr.height) ?? viewBox?.[3];
  if (!width || !height || !(width > 0) || !(height > 0)) return { problem: 'it has no size: give its <svg> a viewBox, or a width and height' };
  return { width, height };
}

/** A width or height as pdfmake reads it (units and all dropped), so both measure the same ratio. */
function length(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number.parseFloat(value);
  return Number.isFinite(number) ? number : undefined;
}

function firstElement(element: XmlElement, wanted: (element: XmlElement) => boolean): XmlElement | undefined {
  for (const child of element.children) {
    if (!(child instanceof XmlElement)) continue;
    if (wanted(child)) return child;
    const deeper = firstElement(child, wanted);
    if (deeper) return deeper;
  }
  return undefined;
}
