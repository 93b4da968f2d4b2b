import type { Problem } from '../errors.js';
import type { YamlFile } from '../load/yamlFile.js';
import { consistencyProblems } from './consistency.js';
import { fieldsOf } from './fields.js';
import { authoritySchema, OPTIONAL_NOTES, type AuthorityRecord, type YearConfig } from './schema.js';
import { checkSchema } from './schemaProblems.js';

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
  const problems = [...checked.problems.map((problem) => explainUnusedNote(problem, year)), ...consistency];
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
