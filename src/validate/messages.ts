import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';

/** A zod issue as one plain sentence for someone editing YAML by hand. */
export function issueMessage(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      if (issue.expected === 'number' || issue.expected === 'int') return `expected a whole number, got ${describeValue(value)}`;
      if (issue.expected === 'object') return `expected a map of keys, got ${describeValue(value)}`;
      if (issue.expected === 'array') return `expected a list, got ${describeValue(value)}`;
      return `expected ${issue.expected === 'string' ? 'text' : issue.expected === 'boolean' ? 'true or false' : issue.expected}, got ${describeValue(value)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${issue.minimum}`;
      return `must be ${issue.minimum} or more, got ${describeValue(value)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long (at most ${issue.maximum} characters)`;
      return `must be at most ${issue.maximum}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `${describeValue(value)} is not allowed (expected one of: ${issue.values.map(String).join(', ')})`;
    case 'invalid_format':
      return issue.message;
    case 'invalid_key':
      return `${describeValue(value)} is not allowed here`;
    default:
      if (issue.code === 'invalid_union') return `expected text or a number, got ${describeValue(value)}`;
      return issue.message;
  }
}

/** "unknown key `trainng` (did you mean `training`?)" */
export function unknownKeyMessage(key: string, known: string[]): string {
  const guess = known.length > 0 ? closest(key, known) : undefined;
  const hint = guess !== undefined && distance(key, guess) <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean \`${guess}\`?)` : ` (expected ${known.map((k) => `\`${k}\``).join(', ')})`;
  return `unknown key \`${key}\`${hint}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : `the fraction ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

/** If a value like 12.5 was given where a whole number is wanted, say so plainly. */
export function fractionMessage(value: unknown): string | undefined {
  return typeof value === 'number' && !Number.isInteger(value) ? `expected a whole number, got the fraction ${value}` : undefined;
}
