import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import type { Problem } from '../errors.js';

/** Larger files are refused before parsing: no real data file comes near this. */
export const MAX_FILE_BYTES = 256 * 1024;
/** Alias expansion limit: stops "billion laughs" documents early. */
const MAX_ALIAS_COUNT = 100;

export interface YamlFile {
  file: string;
  /** The parsed value, or undefined when the file could not be parsed. */
  value: unknown;
  document?: Document.Parsed;
  lineCounter: LineCounter;
  problems: Problem[];
}

/** Reads and parses one YAML file, turning every parse problem into a positioned Problem. */
export async function readYamlFile(file: string): Promise<YamlFile> {
  const lineCounter = new LineCounter();
  const fail = (message: string, line?: number, column?: number): YamlFile => ({
    file,
    value: undefined,
    lineCounter,
    problems: [{ severity: 'error', file, line, column, message }],
  });

  const size = (await stat(file)).size;
  if (size > MAX_FILE_BYTES) {
    return fail(`file is ${size.toLocaleString('en-GB')} bytes; data files may be at most ${MAX_FILE_BYTES.toLocaleString('en-GB')} bytes`);
  }
  const bytes = await readFile(file);
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const { line, column } = firstBadUtf8(bytes);
    return fail('file is not valid UTF-8 text', line, column);
  }
  return parseYamlSource(file, source, lineCounter);
}

export function parseYamlSource(file: string, source: string, lineCounter = new LineCounter()): YamlFile {
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const problems: Problem[] = [];
  for (const error of [...document.errors, ...document.warnings]) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push({ severity: 'error', file, line: pos.line, column: pos.col, message: yamlMessage(error.code, error.message) });
  }
  if (problems.length > 0) return { file, value: undefined, document, lineCounter, problems };
  if (document.contents === null) {
    return { file, value: undefined, document, lineCounter, problems: [{ severity: 'error', file, line: 1, column: 1, message: 'file is empty (expected a map with authority, recipient, …)' }] };
  }
  try {
    const value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { file, value, document, lineCounter, problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file, value: undefined, document, lineCounter, problems: [{ severity: 'error', file, line: 1, column: 1, message: `YAML could not be read: ${message}` }] };
  }
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'tab used for indentation (YAML indents with spaces)';
    case 'DUPLICATE_KEY':
      return `duplicate key: ${first.replace(/^Map keys must be unique;?\s*/, '') || 'a key appears twice in the same map'}`;
    case 'TAG_RESOLVE_FAILED':
      return `unsupported YAML tag: ${first} (data files may use plain values only)`;
    default:
      return `YAML syntax: ${first}`;
  }
}

/** Line and column of the first byte that is not part of valid UTF-8. */
function firstBadUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return { line, column };
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return { line, column };
    }
    if (byte === 0x0a) {
      line += 1;
      column = 1;
    } else column += 1;
    i += length;
  }
  return { line, column };
}

/** Source position of the node at `path` (or of its nearest existing parent). */
export function locate(yaml: YamlFile, path: readonly PropertyKey[], atKey = false): { line: number; column: number } {
  let node: Node | null | undefined = yaml.document?.contents as Node | null | undefined;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
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
