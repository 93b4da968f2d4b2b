import type { Problem } from '../errors.js';
import type { YamlFile } from '../load/yamlFile.js';
import { percent, upholdRate2018 } from '../compute/figures.js';
import { authoritySchema, COUNCIL_TYPES, OPTIONAL_NOTES, type AuthorityRecord, type Outcomes, type Tables, type YearConfig } from './schema.js';
import { describeValue } from './messages.js';
import { checkSchema, knownKeys, problemAt } from './schemaProblems.js';

export interface ValidatedAuthority {
  record?: AuthorityRecord;
  problems: Problem[];
}

/**
 * Checks one parsed data file against its year's schema, then the rules
 * that tie counts together. Returns every problem found, never throws.
 */
export function validateAuthority(yaml: YamlFile, year: YearConfig): ValidatedAuthority {
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  const schema = authoritySchema(year.data);
  if (typeof yaml.value !== 'object' || yaml.value === null || Array.isArray(yaml.value)) {
    const expected = `a map with keys ${knownKeys(schema, []).join(', ')}`;
    const message = yaml.value === null ? `file is empty (expected ${expected})` : `expected ${expected}, got ${describeValue(yaml.value)}`;
    return { problems: [problemAt(yaml, [], message)] };
  }
  const checked = checkSchema(yaml, schema);
  if (!checked.data) return { problems: checked.problems.map((problem) => explainUnusedNote(problem, year)) };
  const record = checked.data as unknown as AuthorityRecord;
  const problems = consistencyProblems(yaml, year, record);
  return problems.length > 0 ? { problems } : { record, problems };
}

/** A note another year has (e.g. `delay` in a 2024 file) is not a typo: say the year has no such note. */
function explainUnusedNote(problem: Problem, year: YearConfig): Problem {
  const note = problem.field;
  if (!note || !Object.hasOwn(OPTIONAL_NOTES, note) || !problem.message.startsWith('unknown key')) return problem;
  const used = year.data.notes.length > 0 ? `its notes: ${year.data.notes.join(', ')}` : 'it has no optional notes';
  return { ...problem, message: `this year's letter has no ${note} note (${used}): remove \`${note}\`` };
}

function consistencyProblems(yaml: YamlFile, year: YearConfig, record: AuthorityRecord): Problem[] {
  const problems: Problem[] = [];
  const check = (ok: boolean, path: string[], message: string) => {
    if (!ok) problems.push(problemAt(yaml, path, message));
  };
  const notMore = (path: string[], value: number, name: string, limit: number) =>
    check(value <= limit, path, `is ${value}, more than ${name} (${limit}): expected at most ${limit}`);
  const stats = record.statistics;
  if (stats && year.data.statistics === 'outcomes') {
    const s = stats as Outcomes;
    notMore(['statistics', 'upheld'], s.upheld, 'investigations', s.investigations);
    notMore(['statistics', 'satisfactory_remedies'], s.satisfactory_remedies, 'upheld', s.upheld);
    notMore(['statistics', 'compliance', 'complied'], s.compliance.complied, 'outcomes', s.compliance.outcomes);
    checkRate(check, s.upheld_rate, percent(s.upheld, s.investigations), ['statistics', 'upheld_rate'], 'upheld ÷ investigations');
    checkRate(check, s.compliance_rate, percent(s.compliance.complied, s.compliance.outcomes), ['statistics', 'compliance_rate'], 'complied ÷ outcomes');
    checkRate(check, s.remedy_rate, percent(s.satisfactory_remedies, s.upheld), ['statistics', 'remedy_rate'], 'satisfactory_remedies ÷ upheld');
  }
  if (stats && year.data.statistics === 'tables') {
    const d = (stats as Tables).decisions;
    checkRate(check, d.uphold_rate, upholdRate2018(d.upheld, d.not_upheld), ['statistics', 'decisions', 'uphold_rate'], 'upheld ÷ (upheld + not_upheld)');
  }
  // Councils share the letter with their Leader; any other body must say with whom.
  check(
    record.authority.shared_with !== undefined || isCouncilType(record.authority.type),
    ['authority', 'shared_with'],
    `is required for a ${record.authority.type}: whom the letter is shared with, e.g. "the Mayor"`,
  );
  return problems;
}

function checkRate(
  check: (ok: boolean, path: string[], message: string) => void,
  given: number | undefined,
  computed: number | null,
  path: string[],
  formula: string,
): void {
  if (given === undefined) return;
  if (computed === null) check(false, path, `is given as ${given}% but no rate can be computed (${formula} divides by 0): leave it out`);
  else check(given === computed, path, `is given as ${given}% but the counts give ${computed}% (${formula}, rounded half up): expected ${computed}, or leave it out`);
}

function isCouncilType(type: string): boolean {
  return (COUNCIL_TYPES as readonly string[]).includes(type);
}
