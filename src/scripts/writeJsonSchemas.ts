import { readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, LettersError } from '../errors.js';
import { jsonSchemaFiles } from '../validate/jsonSchema.js';

/**
 * `npm run schema [templates] [schema]`: writes schema/<year>.json for every
 * year with templates, and removes those of years that have none any more.
 */
const [templatesDir = 'templates', schemaDir = 'schema'] = process.argv.slice(2);
try {
  const files = await jsonSchemaFiles(templatesDir);
  await mkdir(schemaDir, { recursive: true });
  for (const name of await readdir(schemaDir)) {
    if (/^\d{4}\.json$/.test(name) && !files.has(name)) await rm(join(schemaDir, name));
  }
  for (const [name, text] of files) await writeFile(join(schemaDir, name), text);
  process.stdout.write(`${[...files.keys()].map((name) => join(schemaDir, name)).join('\n')}\n`);
} catch (error) {
  if (!(error instanceof LettersError)) throw error;
  for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
