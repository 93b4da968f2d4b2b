import { inflateSync } from 'node:zlib';

/**
 * The objects of a PDF as PDFKit writes them: every object is numbered and
 * uncompressed except for stream contents, so the dictionaries can be read
 * from the bytes. A small reader of PDF object syntax, for the tests to read
 * the structure tree, annotations and catalog as a PDF tool would.
 */

export interface Ref {
  ref: number;
}
export type PdfValue = number | boolean | null | string | Ref | PdfValue[] | PdfDict;
/** A dictionary; names keep no slash, name values are `/Name` strings, text strings are plain strings. */
export interface PdfDict {
  [key: string]: PdfValue;
}

export const isRef = (value: PdfValue | undefined): value is Ref => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Ref).ref === 'number' && Object.keys(value).length === 1;
export const isDict = (value: PdfValue | undefined): value is PdfDict => typeof value === 'object' && value !== null && !Array.isArray(value) && !isRef(value);

/** Every object's value by number (a stream object gives its dictionary). */
export function pdfObjects(bytes: Buffer): Map<number, PdfValue> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfValue>();
  for (const match of text.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)) {
    const start = match.index + match[0].length;
    const end = Math.min(...['\nendobj', '\nstream\n'].map((word) => text.indexOf(word, start)).filter((at) => at !== -1));
    objects.set(Number(match[1]), new Reader(text.slice(start, end)).value());
  }
  return objects;
}

/** One value written in PDF syntax (a marked-content property list, say). */
export function pdfValue(text: string): PdfValue {
  return new Reader(text).value();
}

/** The contents of stream object `ref`, inflated when it is Flate-encoded (as PDFKit writes page contents). */
export function streamContents(bytes: Buffer, objects: Map<number, PdfValue>, ref: number): Buffer {
  const text = bytes.toString('latin1');
  const start = text.indexOf('\nstream\n', text.search(new RegExp(`(?:^|\\n)${ref} 0 obj\\n`))) + '\nstream\n'.length;
  const dict = objects.get(ref) as PdfDict;
  const length = dict.Length as number;
  const raw = bytes.subarray(start, start + length);
  return dict.Filter === '/FlateDecode' ? inflateSync(raw) : raw;
}

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  value(): PdfValue {
    this.space();
    const { text } = this;
    if (text.startsWith('<<', this.at)) return this.dict();
    const char = text[this.at];
    if (char === '[') return this.array();
    if (char === '(') return this.literal();
    if (char === '<') return this.hex();
    if (char === '/') return `/${this.word(1)}`;
    const word = this.word(0);
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    const number = Number(word);
    if (Number.isNaN(number)) throw new Error(`unexpected ${JSON.stringify(word)} at ${this.at}`);
    // "12 0 R" is a reference.
    const ref = /^\s+(\d+)\s+R\b/.exec(text.slice(this.at));
    if (ref && Number.isInteger(number)) {
      this.at += ref[0].length;
      return { ref: number };
    }
    return number;
  }

  private dict(): PdfDict {
    this.at += 2;
    const dict: PdfDict = {};
    for (;;) {
      this.space();
      if (this.text.startsWith('>>', this.at)) {
        this.at += 2;
        return dict;
      }
      const key = this.value();
      dict[String(key).slice(1)] = this.value();
    }
  }

  private array(): PdfValue[] {
    this.at++;
    const array: PdfValue[] = [];
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') {
        this.at++;
        return array;
      }
      array.push(this.value());
    }
  }

  private literal(): string {
    let depth = 0;
    let out = '';
    for (this.at++; ; this.at++) {
      const char = this.text[this.at]!;
      if (char === '\\') {
        const next = this.text[++this.at]!;
        out += { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[next] ?? next;
      } else if (char === '(') {
        depth++;
        out += char;
      } else if (char === ')') {
        if (depth-- === 0) break;
        out += char;
      } else out += char;
    }
    this.at++;
    return decodeText(Buffer.from(out, 'latin1'));
  }

  private hex(): string {
    const end = this.text.indexOf('>', this.at);
    const bytes = Buffer.from(this.text.slice(this.at + 1, end).replace(/\s/g, ''), 'hex');
    this.at = end + 1;
    return decodeText(bytes);
  }

  private word(skip: number): string {
    this.at += skip;
    const match = /^[^\s/<>[\]()]+/.exec(this.text.slice(this.at, this.at + 200))!;
    this.at += match[0].length;
    return match[0];
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }
}

/** A text string: UTF-16BE after a byte-order mark, else PDFDocEncoding (Latin-1 for what PDFKit writes). */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}
