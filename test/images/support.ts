import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempProject } from '../helpers.js';

export const KNOWSLEY = '2020/knowsley-metropolitan-borough-council.yaml';
export const SHIPPED_LETTERHEAD = 'letterhead: { image: letterhead.svg, alt: "Local Government & Social Care OMBUDSMAN" }';

/**
 * A project of the shipped templates and the Knowsley 2020 data, with the
 * 2020 year.yaml's letterhead line replaced by `letterhead` (none if null),
 * a signature line added under the signatory's name when given, and `files`
 * written into templates/2020/.
 */
export function imageProject(options: { letterhead?: string | null; signature?: string; files?: Record<string, string | Buffer> }): string {
  const dir = tempProject({ [KNOWSLEY]: readFileSync(join(ROOT, 'data', KNOWSLEY), 'utf8') });
  const yearFile = join(dir, 'templates/2020/year.yaml');
  let year = readFileSync(yearFile, 'utf8');
  if (!year.includes(SHIPPED_LETTERHEAD)) throw new Error('the shipped 2020 year.yaml no longer names its letterhead as this test expects');
  if (options.letterhead !== undefined) year = year.replace(SHIPPED_LETTERHEAD, options.letterhead ?? '');
  if (options.signature !== undefined) year = year.replace('  name: Michael King\n', `  name: Michael King\n  ${options.signature}\n`);
  writeFileSync(yearFile, year);
  for (const [name, contents] of Object.entries(options.files ?? {})) writeFileSync(join(dir, 'templates/2020', name), contents);
  return dir;
}

/** The line of templates/2020/year.yaml that holds `text`, counted from 1. */
export function lineOf(dir: string, text: string): number {
  return readFileSync(join(dir, 'templates/2020/year.yaml'), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
}
