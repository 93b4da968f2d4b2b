import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { visible } from './visible.js';

/**
 * The words of validation messages, for someone editing YAML by hand: what
 * is wrong, then what was expected. Each message follows the field path, so
 * it starts with a verb ("is required", "must be …") or "expected".
 */

/** What the schema wanted at a place, in words: "text", "a map with keys a, b". */
export interface Expectation {
  keys: string[];
  /** A string format the schema checks, e.g. `date`. */
  format?: string;
}

/** A zod issue as one plain sentence. `value` is what the file holds there (undefined when absent). */
export function issueMessage(issue: z.core.$ZodIssue, value: unknown, expected: Expectation = { keys: [] }): string {
  switch (issue.code) {
    case 'invalid_type': {
      const wanted = typeWords(issue.expected, expected);
      if (value === undefined) return `is required (expected ${wanted})`;
      return `expected ${wanted}, got ${describeValue(value)}${quotedNumberHint(issue.expected, value)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${issue.minimum}`;
      return `must be ${issue.minimum} or more, got ${describeValue(value)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long (at most ${issue.maximum} characters)`;
      if (issue.origin === 'array') return `must list at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}, got ${describeValue(value)}`;
    case 'invalid_value':
      if (value === undefined) return `is required (expected one of: ${issue.values.map(String).join(', ')})`;
      return enumMessage(value, issue.values);
    case 'invalid_format':
      return `${issue.message}, got ${describeValue(value)}`;
    case 'invalid_union':
      return `expected ${unionWords(issue, expected) ?? 'text or a number'}, got ${describeValue(value)}`;
    default:
      return issue.message;
  }
}

/** "unknown key `trainng` (did you mean `training`?)", or the keys allowed when nothing is close. */
export function unknownKeyMessage(key: string, known: string[]): string {
  const guess = suggestion(key, known);
  const shown = visible(key);
  if (guess !== undefined) return `unknown key \`${shown}\` (did you mean \`${guess}\`?)`;
  if (known.length === 0) return `unknown key \`${shown}\` (nothing is allowed here)`;
  return `unknown key \`${shown}\` (expected ${known.map((k) => `\`${k}\``).join(', ')})`;
}

/** `"metropolitan" is not allowed (did you mean "metropolitan-borough"? expected one of: …)` */
export function enumMessage(value: unknown, allowed: readonly unknown[]): string {
  const options = allowed.map(String);
  const guess = typeof value === 'string' ? suggestion(value, options) : undefined;
  const hint = guess !== undefined ? `did you mean "${guess}"? ` : '';
  return `${describeValue(value)} is not allowed (${hint}expected one of: ${options.join(', ')})`;
}

/** The closest known name, if it is close enough to be the one meant. */
export function suggestion(name: string, known: string[]): string | undefined {
  if (known.length === 0) return undefined;
  const guess = closest(name.toLowerCase(), known);
  const prefix = guess.startsWith(name.toLowerCase()) || name.toLowerCase().startsWith(guess);
  return prefix || distance(name.toLowerCase(), guess) <= Math.max(2, Math.floor(name.length / 3)) ? guess : undefined;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `the date ${value}`;
    if (value.trim() === '') return 'empty text';
    // Cut by characters, not UTF-16 units, so an emoji is never split in half.
    const characters = [...value];
    return visible(JSON.stringify(characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : value));
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan (not a number)';
    if (!Number.isFinite(value)) return 'an infinite number';
    return Number.isInteger(value) ? String(value) : `the fraction ${value}`;
  }
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

function typeWords(type: string, expected: Expectation): string {
  switch (type) {
    case 'number':
    case 'int':
      return 'a whole number';
    case 'string':
      return expected.format === 'date' ? 'a date written yyyy-mm-dd' : 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return expected.keys.length > 0 ? `a map with keys ${expected.keys.join(', ')}` : 'a map of keys';
    default:
      return type;
  }
}

/** A union with a fixed word (`averages: from-data` or a map): each option in words; undefined for others. */
function unionWords(issue: z.core.$ZodIssueInvalidUnion, expected: Expectation): string | undefined {
  const roots = issue.errors.map((errors) => errors.find((error) => error.path.length === 0));
  if (!roots.some((root) => root?.code === 'invalid_value')) return undefined;
  const option = (root: z.core.$ZodIssue | undefined) =>
    root?.code === 'invalid_value' ? root.values.map((v) => `"${String(v)}"`).join(' or ') : root?.code === 'invalid_type' ? typeWords(root.expected, expected) : undefined;
  return roots.map(option).filter((words) => words !== undefined).join(' or ');
}

/** `"12"` in quotes is text to YAML; say how to make it a number. */
function quotedNumberHint(type: string, value: unknown): string {
  return (type === 'number' || type === 'int') && typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? ' (remove the quotes)' : '';
}
