import { readFileSync } from 'node:fs';
import type { Problem } from '../errors.js';
import { readYamlFile } from '../load/yamlFile.js';
import { yearSchema, type YearConfig } from './schema.js';
import { checkSchema, type Checked } from './schemaProblems.js';

/** Reads and checks a year's `year.yaml`, with the same messages as data files. */
export function readYearFile(file: string): Checked<YearConfig> {
  return checkSchema(readYamlFile(file), yearSchema);
}

/**
 * Each `# REVIEW:` comment in a year.yaml (`letters new-year` writes them
 * above last year's figures) as an error of the year, saying what to check:
 * a year still under review must not make final letters.
 */
export function reviewProblems(file: string): Problem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return []; // an unreadable year.yaml is reported by readYearFile
  }
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const found = /#\s*REVIEW:\s*(.*)$/.exec(line);
    if (!found) return;
    const what = found[1]!.trim();
    problems.push({ severity: 'error', kind: 'review', file, line: index + 1, column: found.index + 1, message: `marked for review: ${what}` });
  });
  return problems;
}
