import type { z } from 'zod';
import type { Year } from '../load/yearTemplates.js';
import { EMAIL_COLUMNS, yearColumns } from '../sheet/columns.js';
import { sheetBytes, type ExportedSheet } from '../sheet/exportSheet.js';
import { authoritySchema } from '../validate/schema.js';
import { schemaAt } from '../validate/schemaProblems.js';
import { KEY_STATISTICS, type KeyStatistic } from './keyStatistics.js';
import type { SiteAuthority } from './yearFigures.js';

/**
 * The year's open data: one row per authority with the columns `letters
 * import` reads (as `letters export` writes them, so the CSV can be imported
 * again), then the figures computed from them, as the letters state them.
 * Who each letter is emailed to (the recipient's address, the copies) is
 * left out: the letters are public, their recipients' email addresses are not.
 */
export interface DataColumn {
  header: string;
  /** The data file's field (`statistics.upheld`), or `computed.<name>` for a figure worked out from them. */
  field: string;
  meaning: string;
}

export interface OpenData {
  columns: DataColumn[];
  rows: (string | number | boolean | null)[][];
}

type Cell = string | number | boolean | null;

const COMPUTED: { header: string; field: string; meaning: string; value: (authority: SiteAuthority) => Cell }[] = [
  { header: 'Statistics', field: 'computed.statistics', meaning: 'Whether the letter has a statistics page: "no" means the authority has no statistics for the year (its figures are blank, never 0).', value: (a) => a.figures !== null },
  ...KEY_STATISTICS.flatMap((statistic) => [rateColumn(statistic), averageColumn(statistic)]),
  {
    header: 'Upheld per 100,000 residents',
    field: 'computed.upheld_per_100000',
    meaning: 'Upheld investigations per 100,000 residents: upheld × 100,000 ÷ population, rounded half up to one decimal place; blank without a population.',
    value: (a) => (a.figures?.upheld_per_100000 == null ? null : Number(a.figures.upheld_per_100000)),
  },
];

function rateColumn(statistic: KeyStatistic) {
  return {
    header: statistic.heading,
    field: `computed.${statistic.id}_rate`,
    meaning: `${statistic.heading.replace(' %', '')} as a whole percent: ${statistic.computedAs} × 100, rounded half up (12.5 → 13); blank when there is nothing to divide by (${statistic.whenNone}) or no statistics.`,
    value: (a: SiteAuthority): Cell => (a.figures ? statistic.rate(a.figures) : null),
  };
}

function averageColumn(statistic: KeyStatistic) {
  return {
    header: `${statistic.heading}: average of similar authorities`,
    field: `computed.average_${statistic.id}_rate`,
    meaning: `The average of the authority's type that its letter compares with, in whole percent; blank where the letter gives none.`,
    value: (a: SiteAuthority): Cell => (a.figures ? statistic.average(a.figures) : null),
  };
}

/** The field's description in the year's schema (on the field itself or, for an optional one, on what it wraps). */
function fieldMeaning(schema: z.ZodType, path: string[]): string {
  const parent = schemaAt(schema, path.slice(0, -1)) as { def?: { shape?: Record<string, z.ZodType> } } | undefined;
  return parent?.def?.shape?.[path.at(-1)!]?.description ?? schemaAt(schema, path)?.description ?? path.join('.');
}

/** Who each letter is emailed to: never published. */
const PRIVATE_FIELDS = new Set(EMAIL_COLUMNS.map((column) => column.field));

export function openData(year: Year, sheet: ExportedSheet, authorities: readonly SiteAuthority[]): OpenData {
  const schema = authoritySchema(year.config.data);
  const imported = yearColumns(year);
  const kept = imported.flatMap((column, index) => (PRIVATE_FIELDS.has(column.field) ? [] : [{ column, index }]));
  const nameIndex = imported.findIndex((column) => column.field === 'authority.name');
  const byName = new Map(sheet.rows.map((row) => [String(row[nameIndex]), row]));
  const columns: DataColumn[] = [
    { header: 'slug', field: 'slug', meaning: 'The name of the authority\'s data file and letters (data/<year>/<slug>.yaml); `letters import` matches a row to its file by it.' },
    ...kept.map(({ column }) => ({ header: column.headers[0]!, field: column.field, meaning: fieldMeaning(schema, column.path) })),
    ...COMPUTED.map(({ header, field, meaning }) => ({ header, field, meaning })),
  ];
  const rows = authorities.map((authority) => {
    const row = byName.get(authority.name);
    if (!row) throw new Error(`${authority.file} is not in the exported sheet`);
    return [authority.slug, ...kept.map(({ index }) => row[index] ?? null), ...COMPUTED.map((computed) => computed.value(authority))];
  });
  return { columns, rows };
}

/** The CSV: headers, then a row per authority; yes/no for true/false, blank for none (as `letters export` writes it). */
export async function openDataCsv(data: OpenData, year: string): Promise<string> {
  return String(await sheetBytes({ headers: data.columns.map((column) => column.header), rows: data.rows }, 'csv', year));
}

/** The JSON: the columns with their meaning, and a row per authority keyed by field. */
export function openDataJson(data: OpenData, year: string): string {
  const authorities = data.rows.map((row) => Object.fromEntries(data.columns.map((column, index) => [column.field, row[index] ?? null])));
  return `${JSON.stringify({ year, columns: data.columns, authorities }, null, 2)}\n`;
}
