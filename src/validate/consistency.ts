import type { Problem } from '../errors.js';
import type { YamlFile } from '../load/yamlFile.js';
import { shapeOf } from '../shapes/index.js';
import type { Fields } from './fields.js';
import type { YearConfig } from './schema.js';
import { isCouncilType } from './values.js';
import { problemAt } from './schemaProblems.js';

/**
 * The rules that tie fields together: the year's statistics shape's
 * (upheld ≤ investigations, a given rate matches its counts…), and a body
 * that is not a council says whom the letter is shared with. Each rule runs when the fields it reads are valid, whatever
 * else in the file is wrong, so one run reports every problem.
 */
export function consistencyProblems(yaml: YamlFile, year: YearConfig, fields: Fields): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string[], message: string) => problems.push(problemAt(yaml, path, message));
  const count = (path: string[]) => fields.valid(path) as number | undefined;

  const notMore = (path: string[], name: string, limitPath: string[]) => {
    const value = count(path);
    const limit = count(limitPath);
    if (value !== undefined && limit !== undefined && value > limit) report(path, `is ${value}, more than ${name} (${limit}): expected at most ${limit}`);
  };
  const rate = (path: string[], part: string[], other: string[], compute: (part: number, other: number) => number | null, formula: string) => {
    const given = count(path);
    const [a, b] = [count(part), count(other)];
    if (given === undefined || a === undefined || b === undefined) return;
    const computed = compute(a, b);
    if (computed === null) report(path, `is given as ${given}% but no rate can be computed (${formula} divides by 0): leave it out`);
    else if (given !== computed) report(path, `is given as ${given}% but the counts give ${computed}% (${formula}, rounded half up): expected ${computed}, or leave it out`);
  };

  shapeOf(year.data).rules({ count, notMore, rate });

  // Councils share the letter with their Leader; any other body must say with whom.
  const type = fields.valid(['authority', 'type']) as string | undefined;
  if (type !== undefined && !isCouncilType(type) && !fields.given(['authority', 'shared_with'])) {
    report(['authority', 'shared_with'], `is required for a ${type}: whom the letter is shared with, e.g. "the Mayor"`);
  }
  return problems;
}
