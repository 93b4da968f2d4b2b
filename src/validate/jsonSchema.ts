import { join } from 'node:path';
import { z } from 'zod';
import { LettersError } from '../errors.js';
import { listYears, YEAR_FILE } from '../load/yearTemplates.js';
import { authoritySchema, type YearConfig } from './schema.js';
import { readYearFile } from './yearFile.js';

/**
 * JSON Schemas for editors, made from the very zod schemas the validator
 * uses (one source, never two). Draft-07, which the YAML language server and
 * most editors understand. Editors cannot check the rules that tie fields
 * together (upheld ≤ investigations…); `letters validate` does.
 */
export function authorityJsonSchema(year: string, data: YearConfig['data']): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(authoritySchema(data), { io: 'input', target: 'draft-7' });
  return {
    $schema,
    title: `Annual review letter data, ${year}`,
    description: `One authority's data for the ${year} letters (data/${year}/<slug>.yaml). Generated from src/validate/schema.ts by \`npm run schema\`: do not edit by hand.`,
    ...schema,
  };
}

/** `<year>.json` → file text, for every year that has templates. */
export async function jsonSchemaFiles(templatesDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const year of await listYears(templatesDir)) {
    const checked = readYearFile(join(templatesDir, year, YEAR_FILE));
    if (!checked.data) throw new LettersError(`the year file for ${year} is not valid`, checked.problems);
    files.set(`${year}.json`, `${JSON.stringify(authorityJsonSchema(year, checked.data.data), null, 2)}\n`);
  }
  return files;
}
