import { isCollection, isPair, isScalar, visit, type Document, type LineCounter, type Node, type YAMLError } from 'yaml';
import type { Problem } from '../errors.js';
import { visible } from '../validate/visible.js';

/**
 * The YAML parser's errors as problems in words a person editing a data file
 * can act on, one per line: after the first, the rest of a line is usually noise.
 */
export function syntaxProblems(file: string, document: Document.Parsed, lineCounter: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const lines = new Set<number>();
  const errors = [...document.errors, ...document.warnings].sort((a, b) => a.pos[0] - b.pos[0]);
  for (const error of errors) {
    const duplicate = error.code === 'DUPLICATE_KEY' ? duplicateKey(document, error.pos[0]) : undefined;
    const offset = duplicate?.offset ?? error.pos[0];
    const { line, col } = lineCounter.linePos(offset);
    if (lines.has(line)) continue;
    lines.add(line);
    const field = error.code === 'DUPLICATE_KEY' || error.code === 'TAG_RESOLVE_FAILED' ? fieldAt(document, offset) : undefined;
    problems.push({ severity: 'error', file, line, column: col, field, message: syntaxMessage(error, { errors, duplicate, lineCounter }) });
  }
  if (document.directives?.yaml.explicit) {
    problems.push({ severity: 'error', file, line: 1, column: 1, message: 'remove the %YAML line: data files are always read as YAML 1.2' });
  }
  return problems;
}

interface Context {
  errors: YAMLError[];
  duplicate: DuplicateKey | undefined;
  lineCounter: LineCounter;
}

function syntaxMessage(error: YAMLError, { errors, duplicate, lineCounter }: Context): string {
  const first = visible(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'tab used for indentation (indent with spaces)';
    case 'DUPLICATE_KEY': {
      if (!duplicate) return 'a key appears twice in the same map (give each key once)';
      return `\`${visible(duplicate.key)}\` is given twice in the same map (first on line ${lineCounter.linePos(duplicate.first).line}): give each key once`;
    }
    case 'TAG_RESOLVE_FAILED': {
      const tag = /Unresolved tag: (\S+)/.exec(first)?.[1]?.replace(/^tag:yaml\.org,2002:/, '!!') ?? 'tag';
      return `the tag \`${tag}\` is not allowed: data files hold plain values (remove the tag)`;
    }
    case 'MULTIPLE_DOCS':
      return 'a second YAML document starts here: a data file holds one (remove the `---` or `...` line)';
    case 'BAD_ALIAS':
      return `YAML syntax: ${first} (remove the \`*\` or put the value in quotes)`;
    case 'BLOCK_AS_IMPLICIT_KEY':
      // The parser's words ("nested mappings … compact mappings") name neither cause.
      return errors.some((other) => other.code === 'MULTILINE_IMPLICIT_KEY' && other.pos[0] === error.pos[0])
        ? 'YAML syntax: a line below this value is indented further than its key, so it reads as more of the value (line up the keys of a map)'
        : 'YAML syntax: this value holds ": ", which would start a map inside it (put the value in quotes)';
    default:
      return `YAML syntax: ${first}`;
  }
}

interface DuplicateKey {
  key: string;
  /** Where the repeated key starts. */
  offset: number;
  /** Where the key was first given. */
  first: number;
}

/**
 * The repeated key a DUPLICATE_KEY error at `offset` is about: the first one
 * at or after it. The parser's offset is not always the key's own: after a
 * key with no value (`authority:` pasted twice) it is the end of the line above.
 */
function duplicateKey(document: Document.Parsed, offset: number): DuplicateKey | undefined {
  let found: DuplicateKey | undefined;
  visit(document, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        const start = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        if (!isScalar(pair.key) || start === undefined) continue;
        const first = seen.get(pair.key.value);
        if (first === undefined) seen.set(pair.key.value, start);
        else if (start >= offset && (!found || start < found.offset)) found = { key: String(pair.key.value), offset: start, first };
      }
    },
  });
  return found;
}

/** The dotted field (`statistics.compliance.outcomes`) of the node at `offset`, shown safe to print; undefined at the top. */
export function fieldAt(document: Document.Parsed, offset: number): string | undefined {
  const path = pathAt(document, offset);
  return path.length > 0 ? visible(path.join('.')) : undefined;
}

/** Keys from the root to the innermost pair whose key or value covers `offset`. */
function pathAt(document: Document.Parsed, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = document.contents;
  while (isCollection(node)) {
    const items = node.items as unknown[];
    const index = items.findIndex((item) => covers(isPair(item) ? [item.key, item.value] : [item], offset));
    if (index < 0) break;
    const item = items[index];
    if (isPair(item)) {
      if (!isScalar(item.key)) break;
      path.push(String(item.key.value));
      node = item.value;
    } else {
      path.push(index);
      node = item;
    }
  }
  return path;
}

function covers(nodes: unknown[], offset: number): boolean {
  const ranges = nodes.flatMap((node) => ((node as Node | null)?.range ? [(node as Node).range!] : []));
  if (ranges.length === 0) return false;
  return Math.min(...ranges.map((range) => range[0])) <= offset && offset <= Math.max(...ranges.map((range) => range[2]));
}
