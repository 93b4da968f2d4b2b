import { z } from 'zod';
import { EMAIL_ADDRESS_MESSAGE, isEmailAddress, isMailbox, SENDER_MESSAGE } from './emailAddress.js';
import { INVISIBLE_RANGES } from './visible.js';

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

/*
 * The descriptions are the help an editor shows while the file is typed
 * (they go into the JSON Schemas under schema/, generated from these).
 */
const count = z.number().int().min(0);
const percentage = z.number().int().min(0).max(100);
// One line, nothing invisible: a value can never add a line break, a direction override or a hidden character to a letter.
const text = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(new RegExp(`^[^${INVISIBLE_RANGES}]*$`), 'must be one line of plain text (no line breaks, tabs, control or invisible characters)');

const email = text.refine(isEmailAddress, EMAIL_ADDRESS_MESSAGE);

const authority = z
  .strictObject({
    name: text.describe('Full name, as in the letter: "Knowsley Metropolitan Borough Council".'),
    type: z.enum(AUTHORITY_TYPES).describe('Kind of body. Averages of similar authorities exist for the five council types only.'),
    shared_with: text.optional().describe('Whom the letter is shared with, where it is not the Leader, e.g. "the Mayor". Required for bodies that are not councils.'),
  })
  .describe('The authority the letter is for.');

const recipient = z
  .strictObject({
    title: text.optional().describe('"Mr", "Ms", "Dr"…'),
    forename: text.optional().describe('Only where the letter uses it ("Dear Margaret Carney").'),
    surname: text.describe('Surname of the person the letter is addressed to.'),
    role: text.describe('Their role, e.g. "Chief Executive".'),
    email: email.optional().describe('Their email address: `letters send` sends the letter to it (required to send).'),
  })
  .describe('The person the letter is addressed to.');

const copies = z
  .array(
    z.strictObject({
      email: email.describe('Where the copy goes.'),
      name: text.optional().describe('Who receives it, e.g. "Cllr Jo Smith".'),
      role: text.optional().describe('Their role, e.g. "Leader of the Council" or "Monitoring Officer".'),
    }),
  )
  .describe('People who receive the letter by email as well (in Cc): the Leader, the Monitoring Officer…');

const training = z
  .strictObject({
    courses: z.number().int().min(1).describe('How many courses were delivered to the authority (1 or more).'),
    kind: text.describe('What kind of course, without the word "course": "online complaint handling".'),
  })
  .describe('Complaint handling training delivered during the year. Leave it out when there was none: the training note is then left out.');

const delay = z
  .strictObject({
    extended_cases: count.default(0).describe('Cases answered late even after the deadline was extended at the authority\'s request.'),
    incomplete: z.boolean().default(false).describe('Whether some enquiry responses were incomplete.'),
    proportion: text.describe('How many responses were late, in words: "almost half".'),
  })
  .describe('Late or incomplete responses to enquiries. Leave it out when there were none: the delay note is then left out.');

const rate = (formula: string) =>
  percentage.optional().describe(`The published rate in whole percent (${formula}, rounded half up): checked against the counts, never used instead of them.`);

/** 2020 onwards: the three key statistics. */
const outcomes = z
  .strictObject({
    investigations: count.describe('Detailed investigations decided in the year.'),
    upheld: count.describe('Investigations upheld (at most investigations).'),
    satisfactory_remedies: count.describe('Upheld cases where the authority had already provided a satisfactory remedy (at most upheld).'),
    compliance: z
      .strictObject({
        outcomes: count.describe('Compliance outcomes recorded in the year.'),
        complied: count.describe('Of those, recommendations the authority complied with (at most outcomes).'),
      })
      .describe('Compliance with the Ombudsman\'s recommendations.'),
    upheld_rate: rate('upheld ÷ investigations'),
    compliance_rate: rate('complied ÷ outcomes'),
    remedy_rate: rate('satisfactory_remedies ÷ upheld'),
  })
  .describe('The statistics page. Leave it out only where the published letter has none.');

/** 2018: the complaints-received, decisions and remedies tables. */
const tables = z
  .strictObject({
    received: z
      .strictObject({
        adult_care_services: count,
        benefits_and_tax: count,
        corporate_and_other_services: count,
        education_and_childrens_services: count,
        environment_services: count,
        highways_and_transport: count,
        housing: count,
        planning_and_development: count,
        other: count,
      })
      .describe('Complaints and enquiries received, by service area.'),
    decisions: z
      .strictObject({
        incomplete_or_invalid: count,
        advice_given: count,
        referred_back_for_local_resolution: count,
        closed_after_initial_enquiries: count,
        not_upheld: count,
        upheld: count,
        uphold_rate: percentage
          .optional()
          .describe('The published uphold rate in whole percent (upheld ÷ (upheld + not_upheld), rounded half up): checked against the counts.'),
      })
      .describe('Decisions made, by outcome.'),
    remedies: z
      .strictObject({
        by_ombudsman: count,
        by_authority_before_ombudsman: count,
      })
      .describe('Satisfactory remedies: by the Ombudsman, or by the authority before the Ombudsman was involved.'),
  })
  .describe('The 2018 tables: complaints received by service area, decisions made, and remedies. Totals are computed, never given.');

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
  copies?: z.infer<typeof copies>;
  training?: Training;
  delay?: Delay;
  statistics?: Outcomes | Tables;
}

const isoDate = z.iso.date({ error: 'must be a real date written yyyy-mm-dd' });

const averages = z.strictObject({ upheld: percentage, compliance: percentage, remedies: percentage });
/** Averages of similar authorities, by council type (other bodies have none). */
const typedAverages = z.partialRecord(z.enum(COUNCIL_TYPES), averages);
export type TypeAverages = z.infer<typeof typedAverages>;
export type CouncilType = (typeof COUNCIL_TYPES)[number];

export const yearSchema = z.strictObject({
  /** The year's data declaration: which statistics format, which optional notes. */
  data: z.strictObject({
    statistics: z.enum(Object.keys(STATISTICS_FORMATS) as [StatisticsFormat]),
    notes: z.array(z.enum(Object.keys(OPTIONAL_NOTES) as [NoteName])).default([]),
  }),
  letter_date: isoDate,
  period: z.strictObject({ start: isoDate, end: isoDate }),
  signatory: z.strictObject({ name: text, roles: z.array(text).min(1) }),
  /** Typed by council type, or `from-data`: computed from the year's data files (src/compute/averages.ts). */
  averages: z.union([z.literal('from-data'), typedAverages]).default({}),
  /** Year-wide figures and words the template uses as {{facts.name}}. */
  facts: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** Who the year's letters are sent by email from (`letters send`), and the subject of each message. */
  email: z
    .strictObject({
      from: text.refine(isMailbox, SENDER_MESSAGE).describe('The sender: an address, or a name and an address: "LGSCO Annual Review <annual.review@example.org>".'),
      reply_to: email.optional().describe('Where replies go, if not to the sender.'),
      subject: text.describe('The subject of every message; the authority\'s name is added after it: "Annual review letter 2023-24: Knowsley…".'),
    })
    .optional(),
  /** The spreadsheet columns `letters import` reads and `letters export` writes: data field → header (or headers, the first written by export). */
  import: z
    .strictObject({ columns: z.record(z.string(), z.union([text, z.array(text).min(1)])) })
    .optional(),
});
export type YearConfig = z.infer<typeof yearSchema>;

/**
 * The schema of one authority's data file for a year with this declaration.
 * Made once per declaration: zod compiles each new object schema on first
 * use, which costs far more than checking one file with it.
 */
export function authoritySchema(data: YearConfig['data']): z.ZodObject {
  const key = JSON.stringify([data.statistics, data.notes]);
  let schema = schemas.get(key);
  if (!schema) {
    schema = makeAuthoritySchema(data);
    schemas.set(key, schema);
  }
  return schema;
}

const schemas = new Map<string, z.ZodObject>();

function makeAuthoritySchema(data: YearConfig['data']): z.ZodObject {
  const shape: Record<string, z.ZodType> = {
    authority,
    recipient,
    copies: copies.optional(),
    statistics: STATISTICS_FORMATS[data.statistics].optional(),
  };
  for (const note of data.notes) shape[note] = OPTIONAL_NOTES[note].optional();
  return z.strictObject(shape);
}
