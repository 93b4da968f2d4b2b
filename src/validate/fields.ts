import type { z } from 'zod';
import { schemaAt, valueAt } from './schemaProblems.js';

/**
 * A data file's fields one at a time, each checked against its own part of
 * the schema. The rules that tie counts together read through this, so they
 * still run on the parts of a file that are right when another part is wrong.
 */
export interface Fields {
  /** The field's value as its schema reads it, or undefined when it is absent or not valid. */
  valid(path: readonly string[]): unknown;
  /** Whether the file gives the field at all, valid or not. */
  given(path: readonly string[]): boolean;
}

export function fieldsOf(value: unknown, schema: z.ZodType): Fields {
  return {
    valid(path) {
      const result = schemaAt(schema, path)?.safeParse(valueAt(value, path));
      return result?.success ? result.data : undefined;
    },
    given: (path) => valueAt(value, path) !== undefined,
  };
}
