import { z } from 'zod';

/**
 * The shapes of the data files and of a year's `year.yaml`. A year declares
 * which parts its letters use (`data:` in year.yaml); `authoritySchema`
 * assembles the schema for that year from these parts, so a key the year
 * does not use is an error, not a silently dropped sentence.
 */

/** Types for which the Ombudsman computes averages of similar authorities. */
export const COUNCIL_TYPES = ['county', 'district', 'metropolitan-borough', 'unitary', 'london-borough'] as const;
export const AUTHORITY_TYPES = [
  ...COUNCIL_TYPES,
  'combined-authority',
  'fire-authority',
  'national-park',
  'other',
] as const;
export type AuthorityType = (typeof AUTHORITY_TYPES)[number];

const count = z.number().int().min(0);
const percentage = z.number().int().min(0).max(100);
const text = z.string().trim().min(1).max(300).regex(/^[^\n\r\t]*$/, 'must be on one line');

const authority = z.strictObject({
  name: text,
  type: z.enum(AUTHORITY_TYPES),
  /** Whom the letter is shared with, where it is not the Leader (e.g. "the Mayor"). */
  shared_with: text.optional(),
});

const recipient = z.strictObject({
  title: text.optional(),
  forename: text.optional(),
  surname: text,
  role: text,
});

const training = z.strictObject({
  courses: z.number().int().min(1),
  /** What kind of course, without the word "course": "online complaint handling". */
  kind: text,
});

const delay = z.strictObject({
  /** Cases answered late even after the deadline was extended at the authority's request. */
  extended_cases: count.default(0),
  /** Whether some enquiry responses were incomplete. */
  incomplete: z.boolean().default(false),
  /** How many responses were late, in words: "almost half". */
  proportion: text,
});

/** 2020 onwards: the three key statistics. */
const outcomes = z.strictObject({
  investigations: count,
  upheld: count,
  satisfactory_remedies: count,
  compliance: z.strictObject({ outcomes: count, complied: count }),
  /** Optional published rates: checked against the counts, never used instead of them. */
  upheld_rate: percentage.optional(),
  compliance_rate: percentage.optional(),
  remedy_rate: percentage.optional(),
});

/** 2018: the complaints-received, decisions and remedies tables. */
const tables = z.strictObject({
  received: z.strictObject({
    adult_care_services: count,
    benefits_and_tax: count,
    corporate_and_other_services: count,
    education_and_childrens_services: count,
    environment_services: count,
    highways_and_transport: count,
    housing: count,
    planning_and_development: count,
    other: count,
  }),
  decisions: z.strictObject({
    incomplete_or_invalid: count,
    advice_given: count,
    referred_back_for_local_resolution: count,
    closed_after_initial_enquiries: count,
    not_upheld: count,
    upheld: count,
    uphold_rate: percentage.optional(),
  }),
  remedies: z.strictObject({
    by_ombudsman: count,
    by_authority_before_ombudsman: count,
  }),
});

export const STATISTICS_FORMATS = { outcomes, tables } as const;
export type StatisticsFormat = keyof typeof STATISTICS_FORMATS;
export const OPTIONAL_NOTES = { training, delay } as const;
export type NoteName = keyof typeof OPTIONAL_NOTES;

export type Outcomes = z.infer<typeof outcomes>;
export type Tables = z.infer<typeof tables>;
export type Training = z.infer<typeof training>;
export type Delay = z.infer<typeof delay>;

export interface AuthorityRecord {
  authority: z.infer<typeof authority>;
  recipient: z.infer<typeof recipient>;
  training?: Training;
  delay?: Delay;
  statistics?: Outcomes | Tables;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-mm-dd');

const averages = z.strictObject({ upheld: percentage, compliance: percentage, remedies: percentage });

export const yearSchema = z.strictObject({
  /** The year's data declaration: which statistics format, which optional notes. */
  data: z.strictObject({
    statistics: z.enum(Object.keys(STATISTICS_FORMATS) as [StatisticsFormat]),
    notes: z.array(z.enum(Object.keys(OPTIONAL_NOTES) as [NoteName])).default([]),
  }),
  letter_date: isoDate,
  period: z.strictObject({ start: isoDate, end: isoDate }),
  signatory: z.strictObject({ name: text, roles: z.array(text).min(1) }),
  /** Averages of similar authorities, by council type (other bodies have none). */
  averages: z.partialRecord(z.enum(COUNCIL_TYPES), averages).default({}),
  /** Year-wide figures and words the template uses as {{facts.name}}. */
  facts: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type YearConfig = z.infer<typeof yearSchema>;

/** The schema of one authority's data file for a year with this declaration. */
export function authoritySchema(data: YearConfig['data']) {
  const shape: Record<string, z.ZodType> = {
    authority,
    recipient,
    statistics: STATISTICS_FORMATS[data.statistics].optional(),
  };
  for (const note of data.notes) shape[note] = OPTIONAL_NOTES[note].optional();
  return z.strictObject(shape);
}
