import type { z } from 'zod';
import { LettersError, type Problem } from '../errors.js';
import { collapsedSpaces } from './cells.js';
import type { Year } from '../load/yearTemplates.js';
import { authoritySchema } from '../validate/schema.js';
import { schemaAt } from '../validate/schemaProblems.js';

/** What a cell must hold for its field: how it is read from a sheet. A rate (`upheld_rate`) is a whole percentage; `addresses` is the `copies:` list (copiesCell.ts). */
export type FieldKind = 'count' | 'rate' | 'text' | 'type' | 'yes-no' | 'addresses';

/** One spreadsheet column of a year: the data field it fills and the headers it goes by. */
export interface Column {
  /** `statistics.upheld` */
  field: string;
  path: string[];
  /** Headers as written in year.yaml; export writes the first. */
  headers: string[];
  kind: FieldKind;
  /** A sheet without this column cannot be imported. */
  required: boolean;
  /** The field may be left out of a data file (a blank cell removes it). */
  optional: boolean;
  /** Top-level part of the data file it belongs to: `statistics`, `training`… */
  group: string;
}

/** Parts of a data file that may be left out whole: all their cells blank means the part is absent. */
export const OPTIONAL_GROUPS = new Set(['statistics', 'training', 'delay', 'copies']);

/**
 * Who a letter is emailed to is the same in every year's data, so every
 * year has these columns without declaring them (a year.yaml that declares
 * `recipient.email` names its headers itself): after the recipient's.
 */
export const EMAIL_COLUMNS: readonly Column[] = [
  { field: 'recipient.email', path: ['recipient', 'email'], headers: ['Recipient email', 'recipient.email'], kind: 'text', required: false, optional: true, group: 'recipient' },
  { field: 'copies', path: ['copies'], headers: ['Copies to', 'copies'], kind: 'addresses', required: false, optional: true, group: 'copies' },
];

/**
 * The year's columns from `import.columns` in its year.yaml, each checked to
 * be a field its data files have. A field's own path is always one of its
 * headers, so a sheet written with paths as headers is read too.
 */
export function yearColumns(year: Year): Column[] {
  const declared = year.config.import?.columns;
  const where = `${year.dir}/year.yaml`;
  if (!declared) throw new LettersError(`${where} declares no spreadsheet columns: add \`import: { columns: … }\` (see docs/import-export.md)`);
  const schema = authoritySchema(year.config.data);
  const problems: Problem[] = [];
  const columns: Column[] = [];
  for (const [field, given] of Object.entries(declared)) {
    const path = field.split('.');
    const numberKind = kindOf(schemaAt(schema, path));
    const kind = numberKind === 'count' && path.at(-1)!.endsWith('_rate') ? 'rate' : numberKind;
    if (!kind) {
      problems.push({ severity: 'error', file: where, field: `import.columns.${field}`, message: `is not a field of a ${year.year} data file that holds one value` });
      continue;
    }
    const headers = [...(Array.isArray(given) ? given : [given]), field];
    const optional = leafIsOptional(schema, path);
    const group = path[0]!;
    const required = !optional && (group === 'authority' || group === 'statistics');
    columns.push({ field, path, headers, kind, required, optional, group });
  }
  if (!columns.some((column) => column.field === 'authority.name')) {
    problems.push({ severity: 'error', file: where, field: 'import.columns', message: 'has no column for authority.name: every row names its authority' });
  }
  if (problems.length > 0) throw new LettersError(`the spreadsheet columns of ${year.year} are not valid`, problems);
  const email = EMAIL_COLUMNS.filter((column) => !columns.some((declared) => declared.field === column.field));
  const lastRecipient = columns.map((column) => column.group).lastIndexOf('recipient');
  const afterRecipient = lastRecipient < 0 ? columns.length : lastRecipient + 1;
  columns.splice(afterRecipient, 0, ...email);
  return columns;
}

interface Def {
  def?: { type?: string; shape?: Record<string, z.ZodType> };
}

function kindOf(schema: z.ZodType | undefined): FieldKind | undefined {
  switch ((schema as Def | undefined)?.def?.type) {
    case 'number':
      return 'count';
    case 'string':
      return 'text';
    case 'enum':
      return 'type';
    case 'boolean':
      return 'yes-no';
    default:
      return undefined;
  }
}

/** Whether a data file may leave the field out (optional, or with a default). */
function leafIsOptional(schema: z.ZodType, path: string[]): boolean {
  const parent = schemaAt(schema, path.slice(0, -1)) as Def | undefined;
  const leaf = parent?.def?.shape?.[path.at(-1)!];
  return leaf?.safeParse(undefined).success ?? true;
}

/** A header as compared: case, line breaks, non-breaking and repeated spaces ignored. */
export function normaliseHeader(text: string): string {
  return collapsedSpaces(text).toLowerCase();
}
