import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, Scalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** Set a field to a value, or remove it (value undefined). */
export interface Change {
  path: string[];
  value?: unknown;
}

const TEXT_OPTIONS = { lineWidth: 0 } as const;

/**
 * The YAML text with these changes made and every other byte as it was:
 * each change is made in the text at the place the `yaml` Document gives for
 * its node (a value replaced, a key added below the last of its map, a key's
 * lines removed), so comments, their spacing, blank lines, key order and
 * quoting elsewhere stay exactly as written. The result is parsed again and
 * checked to hold what the changes say; should it not (a layout this does
 * not edit in place, such as a key added to a `{ … }` map), the Document API
 * writes the file instead, which keeps comments and order but may respace them.
 */
export function editYaml<T extends { value: unknown }>(file: { source: string; document: Document.Parsed; value: unknown }, changes: Change[], parse: (text: string) => T): { text: string; parsed?: T } {
  const { source, document } = file;
  const expected = applied(file.value, changes);
  const edits = textEdits(source, document, changes);
  if (edits?.length === 0) return { text: source };
  if (edits) {
    let text = source;
    // From the end, so offsets stay right; where a nested map and its parent both end at one place, the parent's new keys go in first, to end up after the nested map's.
    for (const edit of edits.sort((a, b) => b.start - a.start || a.depth - b.depth)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    const parsed = parse(text);
    if (isDeepStrictEqual(parsed.value, expected)) return { text, parsed };
  }
  // Changed on a copy: the caller's document still describes its source.
  const copy = document.clone();
  for (const change of changes) {
    if (change.value === undefined) copy.deleteIn(change.path);
    else copy.setIn(change.path, change.value);
  }
  const text = copy.toString(TEXT_OPTIONS);
  return { text, parsed: parse(text) };
}

/** A new file's text from its fields, after the schema line. */
export function newYaml(modeline: string, value: unknown): string {
  return `${modeline}\n${stringify(value, TEXT_OPTIONS)}`;
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Indentation of what is added: how deeply nested. */
  depth: number;
}

function textEdits(source: string, document: Document.Parsed, changes: Change[]): Edit[] | undefined {
  const edits: Edit[] = [];
  // Keys added under one map are written together, as one nested block.
  const additions = new Map<YAMLMap, Map<string, unknown>>();
  for (const { path, value } of changes) {
    const { node, parent, depth } = deepest(document, path);
    if (value === undefined) {
      if (depth < path.length) continue; // already absent
      const pair = parent!.items.find((item) => keyOf(item) === path.at(-1));
      if (!pair || parent!.flow) return undefined;
      const start = lineStart(source, (pair.key as Node).range![0]);
      edits.push({ start, end: lineEnd(source, endOf(pair)), text: '', depth: 0 });
    } else if (depth === path.length) {
      if (!isScalar(node)) {
        // A block list or map given a new value whole (`copies:`): its lines written again where they were.
        if (!(isSeq(node) || isMap(node)) || node.flow || typeof value !== 'object' || value === null || parent!.flow) return undefined;
        const pair = parent!.items.find((item) => keyOf(item) === path.at(-1))!;
        const keyAt = (pair.key as Node).range![0];
        const start = lineStart(source, keyAt);
        const indent = ' '.repeat(keyAt - start);
        const block = stringify({ [path.at(-1)!]: value }, TEXT_OPTIONS)
          .split('\n')
          .map((line) => (line === '' ? line : indent + line))
          .join('\n');
        edits.push({ start, end: lineEnd(source, endOf(pair)), text: block, depth: 0 });
        continue;
      }
      if (node.value === value) continue;
      edits.push({ start: node.range![0], end: node.range![1], text: scalarText(node, value, parentIsFlow(document, path)), depth: 0 });
    } else {
      if (!isMap(node) || node.flow || node.items.length === 0) return undefined;
      const added = additions.get(node) ?? new Map<string, unknown>();
      additions.set(node, added);
      setPath(added, path.slice(depth), value);
    }
  }
  for (const [map, added] of additions) {
    const first = map.items[0]!.key as Node;
    const indent = ' '.repeat(first.range![0] - lineStart(source, first.range![0]));
    const block = stringify(toObject(added), TEXT_OPTIONS)
      .split('\n')
      .map((line) => (line === '' ? line : indent + line))
      .join('\n');
    const at = lineEnd(source, endOf(map.items.at(-1)!));
    edits.push({ start: at, end: at, text: (at > 0 && source[at - 1] !== '\n' ? '\n' : '') + block, depth: indent.length });
  }
  return edits;
}

/** The deepest node along `path` that exists, the map holding it, and how many keys deep it is. */
function deepest(document: Document.Parsed, path: string[]): { node: unknown; parent?: YAMLMap; depth: number } {
  let node: unknown = document.contents;
  let parent: YAMLMap | undefined;
  for (let depth = 0; depth < path.length; depth += 1) {
    if (!isMap(node)) return { node, parent, depth };
    const pair = node.items.find((item) => keyOf(item) === path[depth]);
    if (!pair) return { node, parent, depth };
    parent = node;
    node = pair.value;
  }
  return { node, parent, depth: path.length };
}

function parentIsFlow(document: Document.Parsed, path: string[]): boolean {
  const parent = document.getIn(path.slice(0, -1), true);
  return isMap(parent) && Boolean(parent.flow);
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** Where a pair's text ends: its value's, or its key's when it has no value. */
function endOf(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range ? value.range[1] : (pair.key as Node).range![1];
}

function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** Past the end of the line `offset` is on (a block value's end may already be the start of the next line). */
function lineEnd(source: string, offset: number): number {
  if (offset > 0 && source[offset - 1] === '\n') return offset;
  const newline = source.indexOf('\n', offset);
  return newline < 0 ? source.length : newline + 1;
}

/** The new value as YAML text, quoted as the old one was where it was quoted. */
function scalarText(old: Scalar, value: unknown, inFlow: boolean): string {
  if (typeof value !== 'string') return String(value);
  const scalar = new Scalar(value);
  if (old.type === Scalar.QUOTE_SINGLE || old.type === Scalar.QUOTE_DOUBLE) scalar.type = old.type;
  const text = stringify(scalar, TEXT_OPTIONS).trimEnd();
  return inFlow && /^[^'"].*[,[\]{}]/.test(text) ? JSON.stringify(value) : text;
}

function setPath(map: Map<string, unknown>, path: string[], value: unknown): void {
  if (path.length === 1) {
    map.set(path[0]!, value);
    return;
  }
  let inner = map.get(path[0]!) as Map<string, unknown> | undefined;
  if (!(inner instanceof Map)) map.set(path[0]!, (inner = new Map()));
  setPath(inner, path.slice(1), value);
}

function toObject(map: Map<string, unknown>): Record<string, unknown> {
  return Object.fromEntries([...map].map(([key, value]) => [key, value instanceof Map ? toObject(value) : value]));
}

/** A plain value with the changes made: what the edited text must read as. */
export function applied(value: unknown, changes: Change[]): unknown {
  // Data file values are plain JSON values: copied the quick way.
  const root = JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;
  for (const { path, value: next } of changes) {
    let at: Record<string, unknown> | undefined = root;
    for (const key of path.slice(0, -1)) {
      if (typeof at[key] !== 'object' || at[key] === null) {
        if (next === undefined) {
          at = undefined;
          break;
        }
        at[key] = {};
      }
      at = at[key] as Record<string, unknown>;
    }
    if (!at) continue;
    if (next === undefined) delete at[path.at(-1)!];
    else at[path.at(-1)!] = next;
  }
  return root;
}
