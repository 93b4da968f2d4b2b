import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { locate, type YamlFile } from '../load/yamlFile.js';
import { percent, upholdRate2018 } from '../compute/figures.js';
import { authoritySchema, COUNCIL_TYPES, type AuthorityRecord, type Outcomes, type Tables, type YearConfig } from './schema.js';
import { fractionMessage, issueMessage, unknownKeyMessage } from './messages.js';

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
    return { problems: [at(yaml, [], undefined, `the file must be a map of keys (authority, recipient, …), not ${Array.isArray(yaml.value) ? 'a list' : 'a single value'}`)] };
  }
  const result = schema.safeParse(yaml.value);
  if (!result.success) return { problems: result.error.issues.flatMap((issue) => issueProblems(yaml, schema, issue)) };
  const record = result.data as unknown as AuthorityRecord;
  const problems = consistencyProblems(yaml, year, record);
  return problems.length > 0 ? { problems } : { record, problems };
}

function issueProblems(yaml: YamlFile, schema: z.ZodType, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => at(yaml, [...path, key], [...path, key].join('.'), unknownKeyMessage(key, knownKeys(schema, path)), true));
  }
  const value = valueAt(yaml.value, path);
  const message = fractionMessage(value) ?? issueMessage(issue, value);
  return [at(yaml, path, path.join('.'), message)];
}

function consistencyProblems(yaml: YamlFile, year: YearConfig, record: AuthorityRecord): Problem[] {
  const problems: Problem[] = [];
  const check = (ok: boolean, path: string[], message: string) => {
    if (!ok) problems.push(at(yaml, path, path.join('.'), message));
  };
  const stats = record.statistics;
  if (stats && year.data.statistics === 'outcomes') {
    const s = stats as Outcomes;
    check(s.upheld <= s.investigations, ['statistics', 'upheld'], `upheld (${s.upheld}) is more than investigations (${s.investigations})`);
    check(s.satisfactory_remedies <= s.upheld, ['statistics', 'satisfactory_remedies'], `satisfactory_remedies (${s.satisfactory_remedies}) is more than upheld (${s.upheld})`);
    check(s.compliance.complied <= s.compliance.outcomes, ['statistics', 'compliance', 'complied'], `complied (${s.compliance.complied}) is more than outcomes (${s.compliance.outcomes})`);
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
  if (computed === null) check(false, path, `is given as ${given}% but no rate can be computed (${formula} has nothing to divide by)`);
  else check(given === computed, path, `is given as ${given}% but the counts give ${computed}% (${formula}, rounded half up)`);
}

function isCouncilType(type: string): boolean {
  return (COUNCIL_TYPES as readonly string[]).includes(type);
}

function at(yaml: YamlFile, path: PropertyKey[], field: string | undefined, message: string, atKey = false): Problem {
  const { line, column } = locate(yaml, path, atKey);
  return { severity: 'error', file: yaml.file, line, column, field: field || undefined, message };
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Keys the schema allows at `path`, for "did you mean" suggestions. */
function knownKeys(schema: z.ZodType, path: PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const segment of path) {
    current = unwrap(current);
    const shape = (current as { shape?: Record<string, unknown> }).shape;
    current = shape?.[String(segment)];
  }
  const shape = (unwrap(current) as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { unwrap?: () => unknown; def?: { innerType?: unknown } };
  while (current && (current.def?.innerType !== undefined)) current = current.def.innerType as typeof current;
  return current;
}
