import { readFileSync } from 'node:fs';
import type { Problem } from '../errors.js';
import { readYamlFile, type YamlFile } from '../load/yamlFile.js';
import { SHAPES } from '../shapes/index.js';
import { yearSchema, type YearConfig } from './schema.js';
import { checkSchema, valueAt, type Checked } from './schemaProblems.js';

/** Reads and checks a year's `year.yaml`, with the same messages as data files; the parsed file places later problems (its images'). */
export function readYearFile(file: string): Checked<YearConfig> & { yaml: YamlFile } {
  const yaml = readYamlFile(file);
  return { ...checkYearFile(yaml), yaml };
}

/**
 * Checks a parsed year.yaml against the schema of the statistics shape it
 * names (the shape decides what averages may be typed); a name that is no
 * shape is reported at `data.statistics` with the shapes there are.
 */
export function checkYearFile(yaml: YamlFile): Checked<YearConfig> {
  const name = valueAt(yaml.value, ['data', 'statistics']);
  const shape = typeof name === 'string' && Object.hasOwn(SHAPES, name) ? SHAPES[name] : undefined;
  return checkSchema(yaml, yearSchema(shape)) as Checked<YearConfig>;
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
