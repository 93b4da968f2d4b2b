import type { Random } from './random.js';

/**
 * Random edits of a data file, of the kinds people make by hand (a key
 * deleted or pasted twice, a value of the wrong type, bad indentation) and
 * the kinds tools make (a cut-off file, stray bytes, another encoding). The
 * file is held one character per byte (latin1), so an edit may put any byte
 * anywhere, including half of a UTF-8 sequence.
 */
export interface Mutated {
  bytes: string;
  /** What was done, for the test name. */
  label: string;
}

type Mutation = (bytes: string, random: Random) => Mutated;

/** UTF-8 text as one character per byte. */
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** Bytes for a test name: printable ASCII as it is, anything else as \xNN. */
function show(bytes: string, max = 24): string {
  const shown = bytes.slice(0, max).replace(/[^ -~]|\\/g, (char) => (char === '\\' ? '\\\\' : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return `"${shown}${bytes.length > max ? '…' : ''}"`;
}

/** Values of other types and odd forms, written as YAML. */
const VALUES = [
  // text, booleans, lists, maps, nothing
  '"12"', "'nine'", 'twelve', 'true', 'false', 'yes', '[1, 2]', '[]', '{ a: 1 }', '{}', 'null', '~', '',
  // numbers: negative, fractions, huge, not finite, other bases
  '-3', '-0', '0.5', '9.5', '1e3', '1e400', '-1e400', '99999999999999999999', '.inf', '-.inf', '.nan', '0x1F', '0o17',
  // dates and times
  '2020-03-31', '2020-02-30', '12:30',
  // text that must not reach a letter: breaks, controls, invisible characters, too long
  '"a\\tb"', '"a\\nb"', '"\\u0000"', '"\\u2028"', '" "', "'#x'", `'${'x'.repeat(400)}'`,
  utf8('"£ ’ é"'), utf8('"Liver\u202epool"'), utf8('"Liver\u200bpool"'),
  // YAML features data files refuse or restrict
  '&a 3', '*a', '!!str 5', '!!binary aGk=', '|\n  two\n  lines',
];

/** Bytes that are not text, or that mean something to YAML. */
const JUNK = [
  '\x00', '\x01', '\x08', '\x1b', '\x7f', '\xff', '\xfe', '\xc3', '\x80', '\xe9', '\xed\xa0\x80', '\xf4\x90\x80\x80',
  utf8('\ufeff'), utf8('\u2028'), utf8('\u0085'), utf8('\u200b'), utf8('\u202e'), '\t', '\r', '\r\n', '\n', ':', ': ', '#', '&a ', '*a',
  '!!str ', '!', '{', '}', '[', ']', '"', "'", '%', '@', '`', '|', '>', '- ', '? ', '---\n', '...\n', ',', '<<: ',
];

const KEY_LINE = /^\s*(?:- )?[\w-]+:/;
/** `key: value` with a value on the same line, in block or flow style. */
const KEY_VALUE = /([\w-]+): ([^\s{},#[\]][^,}\n]*)/g;

function lines(bytes: string): string[] {
  return bytes.split('\n');
}

function indexes(items: string[], test: (item: string) => boolean): number[] {
  return items.flatMap((item, index) => (test(item) ? [index] : []));
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** Where each same-line value is, and its key. */
function values(bytes: string): { start: number; end: number; key: string }[] {
  return [...bytes.matchAll(KEY_VALUE)].map((match) => {
    const start = match.index + match[1]!.length + 2;
    return { start, end: start + match[2]!.trimEnd().length, key: match[1]! };
  });
}

const deleteKey: Mutation = (bytes, random) => {
  const all = lines(bytes);
  const keys = indexes(all, (line) => KEY_LINE.test(line));
  if (keys.length === 0) return { bytes, label: 'delete a key (none)' };
  const at = random.pick(keys);
  // The key's block goes with it: every following line indented further.
  let end = at + 1;
  while (end < all.length && all[end]!.trim() !== '' && indentOf(all[end]!) > indentOf(all[at]!)) end += 1;
  const label = `delete line ${at + 1}${end - at > 1 ? `-${end}` : ''}`;
  return { bytes: [...all.slice(0, at), ...all.slice(end)].join('\n'), label };
};

const duplicateKey: Mutation = (bytes, random) => {
  const all = lines(bytes);
  const keys = indexes(all, (line) => KEY_LINE.test(line));
  if (keys.length === 0) return { bytes, label: 'duplicate a key (none)' };
  const at = random.pick(keys);
  return { bytes: [...all.slice(0, at + 1), all[at]!, ...all.slice(at + 1)].join('\n'), label: `duplicate line ${at + 1}` };
};

const retype: Mutation = (bytes, random) => {
  const found = values(bytes);
  if (found.length === 0) return { bytes, label: 'retype a value (none)' };
  const target = random.pick(found);
  const value = random.pick(VALUES);
  return { bytes: bytes.slice(0, target.start) + value + bytes.slice(target.end), label: `${target.key} = ${show(value)}` };
};

const swap: Mutation = (bytes, random) => {
  const found = values(bytes);
  if (found.length < 2) return { bytes, label: 'swap two values (too few)' };
  const [a, b] = [random.pick(found), random.pick(found)].sort((x, y) => x.start - y.start) as [(typeof found)[0], (typeof found)[0]];
  if (a.start === b.start) return { bytes, label: `swap ${a.key} with itself` };
  const text = (v: typeof a) => bytes.slice(v.start, v.end);
  const swapped = bytes.slice(0, a.start) + text(b) + bytes.slice(a.end, b.start) + text(a) + bytes.slice(b.end);
  return { bytes: swapped, label: `swap ${a.key} and ${b.key}` };
};

const junk: Mutation = (bytes, random) => {
  const at = random.below(bytes.length + 1);
  const inserted = Array.from({ length: 1 + random.below(3) }, () => random.pick(JUNK)).join('');
  return { bytes: bytes.slice(0, at) + inserted + bytes.slice(at), label: `insert ${show(inserted)} at byte ${at}` };
};

const truncate: Mutation = (bytes, random) => {
  const at = random.below(bytes.length);
  return { bytes: bytes.slice(0, at), label: `truncate at byte ${at}` };
};

const INDENTS: [string, (line: string) => string][] = [
  ['indent 1 more', (line) => ` ${line}`],
  ['indent 2 more', (line) => `  ${line}`],
  ['indent 2 less', (line) => line.replace(/^ {1,2}/, '')],
  ['unindent', (line) => line.trimStart()],
  ['indent with a tab', (line) => line.replace(/^ */, '\t')],
];

const reindent: Mutation = (bytes, random) => {
  const all = lines(bytes);
  const filled = indexes(all, (line) => line.trim() !== '');
  if (filled.length === 0) return { bytes, label: 'change indentation (no lines)' };
  const at = random.pick(filled);
  const [name, change] = random.pick(INDENTS);
  all[at] = change(all[at]!);
  return { bytes: all.join('\n'), label: `${name}: line ${at + 1}` };
};

export const MUTATIONS: readonly Mutation[] = [deleteKey, duplicateKey, retype, swap, junk, truncate, reindent];

/** One to three random mutations of `bytes`, one after another. */
export function mutate(bytes: string, random: Random): Mutated {
  const labels: string[] = [];
  let current = bytes;
  for (let count = 1 + random.below(3); count > 0; count -= 1) {
    const result = random.pick(MUTATIONS)(current, random);
    current = result.bytes;
    labels.push(result.label);
  }
  return { bytes: current, label: labels.join('; ') };
}
