import type { Problem } from '../errors.js';
import type { YamlFile } from '../load/yamlFile.js';
import { consistencyProblems } from './consistency.js';
import { fieldsOf } from './fields.js';
import { shapeOf } from '../shapes/index.js';
import { authoritySchema, OPTIONAL_NOTES, type AuthorityRecord, type YearConfig } from './schema.js';
import { checkSchema, problemAt } from './schemaProblems.js';

export interface ValidatedAuthority {
  record?: AuthorityRecord;
  problems: Problem[];
}

/**
 * Checks one parsed data file against its year's schema, and the rules that
 * tie counts together on every part that passes it. Returns every problem
 * found, never throws.
 */
export function validateAuthority(yaml: YamlFile, year: YearConfig): ValidatedAuthority {
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  const schema = authoritySchema(year.data);
  const checked = checkSchema(yaml, schema);
  // `shared_wth: the Mayor` is one mistake, already reported as the typo: not also "shared_with is required".
  const consistency = consistencyProblems(yaml, year, fieldsOf(yaml.value, schema)).filter((problem) => !checked.typos?.has(problem.field ?? ''));
  const problems = toFillIn(yaml, year, [...checked.problems.map((problem) => explainUnusedNote(problem, year)), ...consistency]);
  if (problems.length > 0 || !checked.data) return { problems };
  return { record: checked.data as unknown as AuthorityRecord, problems };
}

/** A note another year has (e.g. `delay` in a 2024 file) is not a typo: say the year has no such note. */
function explainUnusedNote(problem: Problem, year: YearConfig): Problem {
  const note = problem.field;
  if (!note || !Object.hasOwn(OPTIONAL_NOTES, note) || !problem.message.startsWith('unknown key')) return problem;
  const used = year.data.notes.length > 0 ? `its notes: ${year.data.notes.join(', ')}` : 'it has no optional notes';
  return { ...problem, message: `this year's letter has no ${note} note (${used}): remove \`${note}\`` };
}

/**
 * `statistics: {}` (or an empty `statistics:`) is figures still to fill in, as
 * `letters new-year` leaves them: one problem saying which, not one per
 * missing count.
 */
function toFillIn(yaml: YamlFile, year: YearConfig, problems: Problem[]): Problem[] {
  if (typeof yaml.value !== 'object' || yaml.value === null) return problems;
  const statistics = (yaml.value as Record<string, unknown>).statistics;
  const empty = statistics === null || (typeof statistics === 'object' && !Array.isArray(statistics) && Object.keys(statistics as object).length === 0);
  if (!empty) return problems;
  const shape = shapeOf(year.data).statistics.shape as Record<string, { def: { type: string } }>;
  const required = Object.keys(shape).filter((key) => shape[key]!.def.type !== 'optional');
  const others = problems.filter((problem) => problem.field !== 'statistics' && !problem.field?.startsWith('statistics.'));
  const keys = `${required.slice(0, -1).join(', ')} and ${required.at(-1)}`;
  return [...others, problemAt(yaml, ['statistics'], `to fill in: ${keys} (or remove \`statistics\` if the letter has no statistics page)`, true)];
}
