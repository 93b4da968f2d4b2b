import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { locate, type YamlFile } from '../load/yamlFile.js';
import { describeValue, issueMessage, suggestion, unknownKeyMessage } from './messages.js';
import { visible } from './visible.js';

export interface Checked<T> {
  data?: T;
  problems: Problem[];
  /** Fields an unknown key was probably meant to be: reported as that typo, so never also as missing. */
  typos?: Set<string>;
}

/**
 * Checks a parsed YAML file against a schema and turns every zod issue into
 * a Problem at the offending node. Used for data files and year files alike,
 * so both get the same wording.
 */
export function checkSchema<T>(yaml: YamlFile, schema: z.ZodType<T>): Checked<T> {
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  if (typeof yaml.value !== 'object' || yaml.value === null || Array.isArray(yaml.value)) {
    // Said of the file as a whole: "expected a map, got nothing" would name no field.
    const expected = `a map with keys ${knownKeys(schema, []).join(', ')}`;
    const message = yaml.value === null ? `file is empty (expected ${expected})` : `expected ${expected}, got ${describeValue(yaml.value)}`;
    return { problems: [problemAt(yaml, [], message)] };
  }
  const result = schema.safeParse(yaml.value);
  if (result.success) return { data: result.data, problems: [] };
  // One problem per field: -1.5 is both negative and a fraction, but one message says it.
  const fields = new Set<string>();
  const issues = result.error.issues.flatMap(withinUnion).filter((issue) => {
    if (issue.code === 'unrecognized_keys') return true;
    const field = fieldName(issue.path);
    if (fields.has(field)) return false;
    fields.add(field);
    return true;
  });
  // A missing key that an unknown key next to it was probably meant to be is
  // reported once, as the typo ("did you mean `surname`?"), not twice.
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeys(schema, issue.path);
    for (const key of issue.keys) {
      const guess = suggestion(key, known);
      if (guess !== undefined) meant.add(fieldName([...issue.path, guess]));
    }
  }
  return { problems: issues.flatMap((issue) => issueProblems(yaml, schema, issue, meant)), typos: meant };
}

/**
 * A union where the value has the shape of one option (a map for `averages`,
 * which may also be the word `from-data`) is reported by what is wrong inside
 * that option, at its own field.
 */
function withinUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const deeper = issue.errors.filter((errors) => errors.some((error) => error.path.length > 0 || error.code === 'unrecognized_keys'));
  if (deeper.length !== 1) return [issue];
  return deeper[0]!.map((error) => ({ ...error, path: [...issue.path, ...error.path] })).flatMap(withinUnion);
}

function issueProblems(yaml: YamlFile, schema: z.ZodType, issue: z.core.$ZodIssue, meant: Set<string>): Problem[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, path);
    return issue.keys.map((key) => problemAt(yaml, [...path, key], unknownKeyMessage(key, known), true));
  }
  const value = valueAt(yaml.value, path);
  if (value === undefined && meant.has(fieldName(path))) return [];
  const format = (schemaAt(schema, path) as SchemaDef | undefined)?.def?.format;
  return [problemAt(yaml, path, issueMessage(issue, value, { keys: knownKeys(schema, path), format }))];
}

/** A problem at the node for `path` (at its key when `atKey`), named by its dotted field path. */
export function problemAt(yaml: YamlFile, path: readonly PropertyKey[], message: string, atKey = false): Problem {
  const { line, column } = locate(yaml, path, atKey);
  return { severity: 'error', file: yaml.file, line, column, field: fieldName(path) || undefined, message };
}

/** The dotted path, with anything invisible in a key shown as an escape. */
function fieldName(path: readonly PropertyKey[]): string {
  return visible(path.map(String).join('.'));
}

/** What the file holds at `path`, or undefined when nothing is there. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

interface SchemaDef {
  def?: { type?: string; format?: string; innerType?: unknown; options?: unknown[]; shape?: Record<string, unknown>; keyType?: unknown; valueType?: unknown; element?: unknown; entries?: Record<string, unknown> };
}

/** The schema of the field at `path` (past .optional() and .default()), or undefined when the schema has no such field. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = current?.def;
    if (def?.type === 'object') current = unwrap(def.shape?.[String(segment)]);
    else if (def?.type === 'record') current = unwrap(def.valueType);
    else if (def?.type === 'array') current = unwrap(def.element);
    else return undefined;
  }
  return current as z.ZodType | undefined;
}

/** Keys the schema allows at `path` (fields of an object, or the enum keys of a record). */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = (schemaAt(schema, path) as SchemaDef | undefined)?.def;
  if (def?.type === 'object') return Object.keys(def.shape ?? {});
  const keyDef = unwrap(def?.type === 'record' ? def.keyType : undefined)?.def;
  return keyDef?.type === 'enum' ? Object.keys(keyDef.entries ?? {}) : [];
}

/**
 * Past .optional(), .default() and the like, to the schema that holds the
 * shape; in a union of a word and a map (`averages: from-data`), the map.
 */
function unwrap(schema: unknown): SchemaDef | undefined {
  let current = schema as SchemaDef | undefined;
  while (current?.def?.innerType !== undefined) current = current.def.innerType as SchemaDef;
  const shaped = current?.def?.type === 'union' ? current.def.options?.map(unwrap).find((option) => option?.def?.type === 'object' || option?.def?.type === 'record') : undefined;
  return shaped ?? current;
}
