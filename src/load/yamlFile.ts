import { lstatSync, readFileSync, statSync } from 'node:fs';
import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { hashBytes } from '../batch/inputHash.js';
import type { Problem } from '../errors.js';
import { visible } from '../validate/visible.js';
import { firstBadUtf8 } from './utf8.js';
import { fieldAt, syntaxProblems } from './yamlSyntax.js';

/** Larger files are refused before they are read: no real data file comes near this. */
export const MAX_FILE_BYTES = 256 * 1024;
/**
 * Alias expansion limit. Hand-written data has no need for more; a
 * "billion laughs" document hits it at once instead of eating memory.
 */
export const MAX_ALIAS_COUNT = 100;

export interface YamlFile {
  file: string;
  /** The parsed value (null for an empty file), or undefined when the file could not be read. */
  value: unknown;
  document?: Document.Parsed;
  lineCounter: LineCounter;
  problems: Problem[];
  /** sha256 of the bytes parsed: what a letter made from this file is made from. */
  sha256?: string;
}

/**
 * Reads and parses one YAML file. Never throws: anything wrong comes back as
 * a positioned Problem. Read synchronously: data files are small, and each
 * is parsed as soon as it is read, so there is nothing to do while waiting;
 * through the thread pool, a file cost five round trips.
 */
export function readYamlFile(file: string): YamlFile {
  const info = attempt(() => statSync(file));
  if (info instanceof Error) return unreadable(file, `file cannot be read (${isLink(file) && info.code === 'ENOENT' ? 'it is a link to nothing' : reason(info)})`);
  // A FIFO or device would block or never end; only plain files are read.
  if (!info.isFile()) return unreadable(file, 'file is not a regular file');
  if (info.size > MAX_FILE_BYTES) return unreadable(file, tooBig(info.size));
  const bytes = attempt(() => readFileSync(file));
  if (bytes instanceof Error) return unreadable(file, `file cannot be read (${reason(bytes)})`);
  return parseYamlBytes(file, bytes);
}

function isLink(file: string): boolean {
  const info = attempt(() => lstatSync(file));
  return !(info instanceof Error) && info.isSymbolicLink();
}

function attempt<T>(read: () => T): T | NodeJS.ErrnoException {
  try {
    return read();
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Decodes (strict UTF-8, a leading byte-order mark allowed) and parses. */
export function parseYamlBytes(file: string, bytes: Uint8Array): YamlFile {
  // Checked again here: the file may have grown since it was measured.
  if (bytes.length > MAX_FILE_BYTES) return unreadable(file, tooBig(bytes.length));
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const { line, column, byte } = firstBadUtf8(bytes);
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    return unreadable(file, `file is not valid UTF-8 text: byte 0x${hex} here (save the file as UTF-8)`, line, column);
  }
  return { ...parseYamlSource(file, source), sha256: hashBytes(bytes) };
}

/** Parses YAML 1.2 (core schema) text, keeping node positions for messages. */
export function parseYamlSource(file: string, source: string, lineCounter = new LineCounter()): YamlFile {
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  const located = (problems: Problem[]): YamlFile => ({ file, value: undefined, document, lineCounter, problems });
  const syntax = syntaxProblems(file, document, lineCounter);
  if (syntax.length > 0) return located(syntax);
  const structure = structureProblems(file, source, document, lineCounter);
  if (structure.length > 0) return located(structure);
  try {
    return { file, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), document, lineCounter, problems: [] };
  } catch {
    // The only error left once aliases are known to resolve is the expansion limit.
    const first = firstAlias(document);
    const { line, col } = lineCounter.linePos(first?.range?.[0] ?? 0);
    return located([{ severity: 'error', file, line, column: col, message: `aliases expand to too much data (at most ${MAX_ALIAS_COUNT} copies in all): write the values out instead` }]);
  }
}

/** Problems the parser lets through but that would break or confuse reading the values. */
function structureProblems(file: string, source: string, document: Document.Parsed, lineCounter: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const anchors = new Set<string>();
  const add = (node: Node, message: string, field?: string) => {
    const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
    problems.push({ severity: 'error', file, line, column: col, field, message });
  };
  visit(document, {
    Node(_, node) {
      if (node.anchor) anchors.add(node.anchor);
    },
    Scalar(key, node) {
      // Called instead of Node for scalars: record their anchors too.
      if (node.anchor) anchors.add(node.anchor);
      // YAML reads `0x10`, `1e3` and `1.0` as whole numbers; in a count they are surely typing slips.
      if (key === 'key' || typeof node.value !== 'number' || !Number.isInteger(node.value) || !node.range) return;
      const written = source.slice(node.range[0], node.range[1]).trim();
      if (!/^[-+]?[0-9]+$/.test(written)) {
        add(node, `\`${visible(written)}\` is read as ${node.value}: write whole numbers in plain digits, e.g. ${node.value}`, fieldAt(document, node.range[0]));
      }
    },
    Alias(_, node) {
      const name = visible(node.source);
      if (!anchors.has(node.source)) add(node, `\`*${name}\` refers to no anchor \`&${name}\` above it (remove the \`*\` or put the value in quotes)`);
    },
    Pair(_, pair) {
      // `? [a]: b` would become the key "[a]" with a warning; keys are names, so say so.
      if (isCollection(pair.key) || isAlias(pair.key)) add(pair.key, 'a key must be a plain name, not a list, map or alias');
    },
  });
  return problems;
}

function firstAlias(document: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(document, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** Source position of the node at `path` (or of its nearest existing parent). */
export function locate(yaml: YamlFile, path: readonly PropertyKey[], atKey = false): { line: number; column: number } {
  let node: Node | null | undefined = yaml.document?.contents as Node | null | undefined;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as Node | undefined;
      keyNode = undefined;
    } else break;
  }
  const target = atKey && keyNode ? keyNode : (node ?? keyNode);
  const offset = target?.range?.[0] ?? 0;
  const pos = yaml.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** A problem with the file as a whole, placed at its start so editors can jump to it. */
function unreadable(file: string, message: string, line = 1, column = 1): YamlFile {
  return { file, value: undefined, lineCounter: new LineCounter(), problems: [{ severity: 'error', file, line, column, message }] };
}

function tooBig(size: number): string {
  return `file is too large (${size.toLocaleString('en-GB')} bytes; a data file may be at most ${MAX_FILE_BYTES.toLocaleString('en-GB')} bytes)`;
}

function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it no longer exists';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return error.code ?? error.message;
  }
}
