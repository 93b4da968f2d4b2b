import { z } from 'zod';
import { SHAPE_NAMES, shapeOf, type StatisticsShape } from '../shapes/index.js';
import { EMAIL_ADDRESS_MESSAGE, isEmailAddress, isMailbox, SENDER_MESSAGE } from './emailAddress.js';
import { AUTHORITY_TYPES, COUNCIL_TYPES, count, text, type CouncilType } from './values.js';

/**
 * The shapes of the data files and of a year's `year.yaml`. A year declares
 * which parts its letters use (`data:` in year.yaml): its statistics shape
 * (src/shapes/, which gives the `statistics` part, its own authority fields
 * and its typed averages) and its notes; `authoritySchema` assembles the
 * schema for that year from these parts, so a key the year does not use is
 * an error, not a silently dropped sentence.
 */

export { AUTHORITY_TYPES, COUNCIL_TYPES, type AuthorityType, type CouncilType } from './values.js';

/*
 * The descriptions are the help an editor shows while the file is typed
 * (they go into the JSON Schemas under schema/, generated from these).
 */
// Described once the year's statistics shape has added its fields (makeAuthoritySchema).
const authority = z.strictObject({
  name: text.describe('Full name, as in the letter: "Knowsley Metropolitan Borough Council".'),
  type: z.enum(AUTHORITY_TYPES).describe('Kind of body. Averages of similar authorities exist for the five council types only.'),
  shared_with: text.optional().describe('Whom the letter is shared with, where it is not the Leader, e.g. "the Mayor". Required for bodies that are not councils.'),
});

const email = text.refine(isEmailAddress, EMAIL_ADDRESS_MESSAGE);

const recipient = z
  .strictObject({
    title: text.optional().describe('"Mr", "Ms", "Dr"…: the letter is addressed by title and surname ("Dear Mr Harden"). A title or a forename is required.'),
    forename: text.optional().describe('Printed only when there is no title ("Dear Margaret Carney"); kept in the data beside a title.'),
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

export const OPTIONAL_NOTES = { training, delay } as const;
export type NoteName = keyof typeof OPTIONAL_NOTES;

export type Training = z.infer<typeof training>;
export type Delay = z.infer<typeof delay>;

export interface AuthorityRecord {
  /** With the fields the year's statistics shape adds (the outcomes' `population`). */
  authority: z.infer<typeof authority> & { [field: string]: unknown };
  recipient: z.infer<typeof recipient>;
  copies?: z.infer<typeof copies>;
  training?: Training;
  delay?: Delay;
  /** In the year's statistics shape (src/shapes/): only the shape reads it. */
  statistics?: Record<string, unknown>;
}

const isoDate = z.iso.date({ error: 'must be a real date written yyyy-mm-dd' });

/** Averages of similar authorities, by council type (other bodies have none): each a shape's figures. */
export type TypeAverages = Partial<Record<CouncilType, Record<string, number>>>;

/**
 * An image of the year's letters, a file in its template folder. `alt` is
 * checked with the file (load/yearImages.ts), so that its absence is said
 * in the words an image needs.
 */
const yearImage = z.strictObject({
  image: text.describe('The file, in the year\'s template folder: an SVG, PNG or JPEG.'),
  alt: text.optional().describe('What a screen reader says in the image\'s place.'),
});
export type YearImage = z.infer<typeof yearImage>;

/**
 * The schema of a year's `year.yaml` for a year of this statistics shape
 * (which owns the averages it may type); with no shape, the schema that
 * reports an unknown `data.statistics`, listing the shapes there are.
 */
export function yearSchema(shape?: StatisticsShape) {
  const key = shape?.name ?? '';
  let schema = yearSchemas.get(key);
  if (!schema) {
    schema = makeYearSchema(shape);
    yearSchemas.set(key, schema);
  }
  return schema;
}

const yearSchemas = new Map<string, ReturnType<typeof makeYearSchema>>();

function makeYearSchema(shape: StatisticsShape | undefined) {
  const average = shape?.typedAverage ?? z.record(z.string(), z.unknown());
  return z.strictObject({
    /** The year's data declaration: which statistics shape, which optional notes. */
    data: z.strictObject({
      statistics: z.enum(SHAPE_NAMES),
      notes: z.array(z.enum(Object.keys(OPTIONAL_NOTES) as [NoteName])).default([]),
    }),
    letter_date: isoDate,
    period: z.strictObject({ start: isoDate, end: isoDate }),
    signatory: z.strictObject({
      name: text,
      roles: z.array(text).min(1),
      signature: yearImage.optional().describe('The signature drawn between "Yours sincerely," and the name (docs/images.md).'),
    }),
    letterhead: yearImage.optional().describe('The letterhead drawn at the top of the first page, in place of its words (docs/images.md).'),
    /** Typed by council type, or `from-data`: computed from the year's data files (src/compute/averages.ts). */
    averages: z.union([z.literal('from-data'), z.partialRecord(z.enum(COUNCIL_TYPES), average as z.ZodType<Record<string, number>>)]).default({}),
    /** Year-wide figures and words the template uses as {{facts.name}}. */
    facts: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    /** Who the year's letters are sent by email from (`letters send`), and the subject of each message. */
    email: z
      .strictObject({
        from: text.refine(isMailbox, SENDER_MESSAGE).describe('The sender: an address, or a name and an address: "LGSCO Annual Review <annual.review@example.org>".'),
        reply_to: email.optional().describe('Where replies go, if not to the sender.'),
        subject: text.describe("The subject of every message; the authority's name is added after it: \"Annual Review letter 2020: Knowsley…\"."),
      })
      .optional(),
    /** The spreadsheet columns `letters import` reads and `letters export` writes: data field → header (or headers, the first written by export). */
    import: z
      .strictObject({ columns: z.record(z.string(), z.union([text, z.array(text).min(1)])) })
      .optional(),
  });
}

export type YearConfig = z.infer<ReturnType<typeof makeYearSchema>>;

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
  const shape = shapeOf(data);
  const fields: Record<string, z.ZodType> = {
    authority: authority.extend(shape.authorityFields).describe('The authority the letter is for.'),
    recipient,
    copies: copies.optional(),
    statistics: shape.statistics.optional(),
  };
  for (const note of data.notes) fields[note] = OPTIONAL_NOTES[note].optional();
  return z.strictObject(fields);
}
