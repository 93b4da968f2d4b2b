import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { LettersError, type Problem } from '../errors.js';
import { findDataFiles, MAX_SLUG_LENGTH, SLUG, suggestSlug } from '../load/dataFiles.js';
import type { Document } from 'yaml';
import { parseYamlBytes, parseYamlSource, type YamlFile } from '../load/yamlFile.js';
import { yearsWithTemplates, loadYear } from '../load/yearTemplates.js';
import { valueAt } from '../validate/schemaProblems.js';
import { validateAuthority } from '../validate/validateAuthority.js';
import { visible } from '../validate/visible.js';
import { withoutFiguresToFill } from '../newYear/carriedOver.js';
import { nameKey, nearMatch } from './matchAuthority.js';
import { OPTIONAL_GROUPS, yearColumns, type Column } from './columns.js';
import { COPIES_CELL_HINT, readCopies, type Copy } from './copiesCell.js';
import { applied, editYaml, newYaml, type Change } from './editYaml.js';
import type { Sheet } from './readSheet.js';
import { sheetRows, type RowCell, type SheetRow } from './sheetRows.js';

/** The parts of a new data file, in the order the shipped files have them. */
const GROUP_ORDER = ['authority', 'recipient', 'copies', 'training', 'delay', 'statistics'];

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** What importing one row does to its data file. */
export interface FilePlan {
  file: string;
  status: 'created' | 'updated' | 'unchanged';
  /** The file's text after the import. */
  text: string;
  changes: FieldChange[];
  /** What a new file still lacks that the sheet did not give: `letters validate` lists it too. */
  toFill: Problem[];
  /** The earlier year's file a new file's recipient was taken from. */
  recipientFrom?: string;
}

/** A problem with where it is in the sheet, so problems list in sheet order. */
interface Placed {
  problem: Problem;
  row: number;
  column: number;
}

export interface ImportPlan {
  files: FilePlan[];
  /** Every problem, in sheet order. */
  problems: Problem[];
  notes: string[];
  read: number;
  /** Rows not imported: a totals row, and with --keep-going the rows with problems. */
  skipped: number;
}

interface ExistingFile {
  file: string;
  slug: string;
  source: string;
  value: unknown;
  document: Document.Parsed;
  yaml: YamlFile;
  problems: Problem[];
  /** `authority.name`, or '' when the file has none. */
  name: string;
}

/** Data files read, found by slug and by the key of their authority's name (a key two files claim lists both). */
interface KnownFiles {
  all: ExistingFile[];
  bySlug: Map<string, ExistingFile>;
  byKey: Map<string, ExistingFile[]>;
}

/**
 * Reads every row of the sheet into the data file it updates or creates,
 * and checks each result with the year's schema and consistency rules, so
 * every problem is known, by cell, before anything is written.
 */
export async function planImport(sheet: Sheet, options: { year: string; dataDir: string; templatesDir: string; newNames?: string[] }): Promise<ImportPlan> {
  await yearsWithTemplates(options.templatesDir, options.year);
  const year = await loadYear(options.templatesDir, options.year);
  const columns = yearColumns(year);
  const read = sheetRows(sheet, columns);
  const placed: Placed[] = read.problems.map((problem) => ({ problem, row: -1, column: 0 }));
  const found = await findDataFiles(options.dataDir);
  const existing = knownFiles(found.files.filter((entry) => entry.year === options.year));
  // Earlier years are read only when a row is not in this year's files.
  let earlier: KnownFiles | undefined;
  const earlierFiles = () => (earlier ??= knownFiles(found.files.filter((entry) => entry.year < options.year).sort((a, b) => b.year.localeCompare(a.year))));
  const newNames = new Map((options.newNames ?? []).map((name) => [nameKey(name), name]));
  const newNamesUsed = new Set<string>();

  const files: FilePlan[] = [];
  const firstRow = new Map<string, SheetRow>();
  let skipped = read.skipped;
  for (const row of read.rows) {
    const nameCell = row.cells.get('authority.name')!;
    const at = (index: number, field: string, message: string): Placed => ({ problem: { severity: 'error', ...sheet.at(row.row, index), field, message }, row: row.row, column: index });
    if (row.name === '') {
      placed.push(at(nameCell.index, 'authority.name', 'is blank: every row names its authority'));
      skipped += 1;
      continue;
    }
    if (newNames.has(nameKey(row.name))) newNamesUsed.add(nameKey(row.name));
    const target = whichFile(row, { existing, earlierFiles, isNewByOption: newNames.has(nameKey(row.name)), dataDir: options.dataDir, year: options.year, at });
    if ('problem' in target) {
      placed.push(target.problem);
      skipped += 1;
      continue;
    }
    const { file, match, known } = target;
    const first = firstRow.get(file);
    if (first) {
      placed.push(at(nameCell.index, 'authority.name', `is a second row for ${visible(first.name)} (the first is ${sheet.ref(first.row, nameCell.index)})`));
      skipped += 1;
      continue;
    }
    firstRow.set(file, row);

    if (match && match.problems.length > 0) {
      // A data file that cannot be read is not overwritten: it is fixed by hand first.
      placed.push(...match.problems.map((problem) => ({ problem, row: row.row, column: -1 })));
      skipped += 1;
      continue;
    }

    const { changes: rowChanged, problems } = rowChanges(row, columns, (cell, message) => at(cell.index, cell.column.field, message));
    const changes = keepCopies(rowChanged, match?.value);
    // The name as a file already has it is kept: a sheet in capitals does not rename the authority.
    if (known && nameKey(known.name) === nameKey(row.name)) for (const change of changes) if (change.path.join('.') === 'authority.name') change.value = known.name;
    const parse = (source: string) => parseYamlSource(file, source);
    const base = match && touchesStatistics(changes) ? (filledIn(match, options.year) ?? match) : match;
    const edited = base ? editYaml(base, changes, parse) : undefined;
    const carried = !match && target.earlier && !givesRecipient(row) ? target.earlier : undefined;
    const text = edited?.text ?? newYaml(`# yaml-language-server: $schema=../../schema/${options.year}.json`, newFileValue(changes, carried && valueAt(carried.value, ['recipient'])));
    // An unchanged file is checked as it was read; any other as it will be written.
    const checked = validateAuthority(edited ? (edited.parsed ?? match!.yaml) : parse(text), year.config);
    const toFill: Problem[] = [];
    const said = new Set(problems.map((p) => p.problem.field));
    for (const problem of checked.problems) {
      const cell = cellFor(row, problem.field);
      // A field the sheet has a column for is the sheet's problem, at its cell; the rest is still to fill in by hand.
      if (!cell || (cell.blank && cell.column.group === 'recipient')) toFill.push(problem);
      else if (!said.has(cell.column.field)) {
        problems.push(at(cell.index, problem.field!, problem.message));
        said.add(cell.column.field);
      }
    }
    if (problems.length > 0) {
      placed.push(...problems);
      skipped += 1;
      continue;
    }
    const status = !match ? 'created' : text === match.source ? 'unchanged' : 'updated';
    files.push({ file, status, text, changes: match ? fieldChanges(match.value, changes) : [], toFill, ...(carried ? { recipientFrom: carried.file } : {}) });
  }
  for (const [key, name] of newNames) {
    if (!newNamesUsed.has(key)) placed.push({ problem: { severity: 'error', message: `--new "${visible(name)}": no row of the sheet has this name` }, row: Infinity, column: 0 });
  }
  placed.sort((a, b) => a.row - b.row || a.column - b.column);
  return { files, problems: placed.map((p) => p.problem), notes: [...(sheet.notes ?? []), ...read.notes], read: read.read, skipped };
}

interface Target {
  file: string;
  /** This year's data file the row updates. */
  match?: ExistingFile;
  /** The latest earlier year's file of the same authority, for a file created. */
  earlier?: ExistingFile;
  /** Whichever of the two there is: its name is kept when the row's is the same but for case and punctuation. */
  known?: ExistingFile;
}

/**
 * The data file a row is: the one its Slug cell names; else this year's
 * file whose authority has the row's name (compared as `nameKey` does) or
 * whose slug the name makes; else a new file, named as the same
 * authority's file of an earlier year is, or from the row's name. A name
 * close to a known authority's but not the same is a problem, not a new
 * file, unless the row is marked new.
 */
function whichFile(
  row: SheetRow,
  context: { existing: KnownFiles; earlierFiles: () => KnownFiles; isNewByOption: boolean; dataDir: string; year: string; at: (index: number, field: string, message: string) => Placed },
): Target | { problem: Placed } {
  const { existing, year, dataDir, at } = context;
  const nameIndex = row.cells.get('authority.name')!.index;
  const inYear = (slug: string) => join(dataDir, year, `${slug}.yaml`);
  if (row.slug) {
    const slug = row.slug.text;
    if (!SLUG.test(slug) || slug.length > MAX_SLUG_LENGTH) {
      return { problem: at(row.slug.index, 'slug', `"${visible(slug)}" is not a data file's name: lower-case letters, digits and single hyphens (at most ${MAX_SLUG_LENGTH}), e.g. ${suggestSlug(slug)}`) };
    }
    const match = existing.bySlug.get(slug);
    const earlier = match ? undefined : context.earlierFiles().bySlug.get(slug);
    return { file: inYear(slug), match, earlier, known: match ?? earlier };
  }
  const key = nameKey(row.name);
  const claimed = existing.byKey.get(key) ?? [];
  if (claimed.length > 1) {
    const files = claimed.map((file) => file.file);
    return { problem: at(nameIndex, 'authority.name', `is claimed by ${files.length} data files, ${files.slice(0, -1).join(', ')} and ${files.at(-1)}: remove all but one, or say which in a Slug column`) };
  }
  const slug = suggestSlug(row.name);
  const match = claimed[0] ?? existing.bySlug.get(slug);
  if (match) return { file: match.file, match, known: match };

  const isNew = row.markedNew?.value === true || context.isNewByOption;
  if (row.markedNew && typeof row.markedNew.value !== 'boolean') {
    return { problem: at(row.markedNew.index, 'new', `expected yes or no (whether the row is a new authority), got "${visible(String(row.markedNew.value))}"`) };
  }
  const earlierFiles = context.earlierFiles();
  const earlier = earlierFiles.byKey.get(key)?.[0] ?? earlierFiles.bySlug.get(slug);
  if (earlier) return { file: inYear(earlier.slug), earlier, known: earlier };
  if (!isNew) {
    const near = nearMatch(row.name, [...existing.all, ...earlierFiles.all]);
    if (near) {
      return {
        problem: at(
          nameIndex,
          'authority.name',
          `"${visible(row.name)}" is no data file's authority, but is close to ${visible(near.name)} (${near.file}): write the name as that file has it or give its file in a Slug column; if it is another authority, mark the row new (--new "${visible(row.name)}", or a New column)`,
        ),
      };
    }
  }
  return { file: inYear(slug) };
}
/** What a row sets and removes, and the cells a partly blank part of the file leaves empty. */
function rowChanges(row: SheetRow, columns: Column[], problemAt: (cell: RowCell, message: string) => Placed): { changes: Change[]; problems: Placed[] } {
  const changes: Change[] = [];
  const problems: Placed[] = [];
  const groups = [...new Set(columns.map((column) => column.group))];
  for (const group of groups) {
    const cells = [...row.cells.values()].filter((cell) => cell.column.group === group);
    if (cells.length === 0) continue;
    if (cells.every((cell) => cell.blank)) {
      // Every cell of an optional part blank: the authority has none (no statistics, no training note).
      if (OPTIONAL_GROUPS.has(group)) changes.push({ path: [group] });
      continue;
    }
    for (const cell of cells) {
      if (!cell.blank && cell.column.kind === 'addresses') {
        const read = readCopies(String(cell.value));
        if ('wrong' in read) problems.push(problemAt(cell, `"${visible(read.wrong)}" is not an email address: expected ${COPIES_CELL_HINT}`));
        else changes.push(read.copies.length > 0 ? { path: cell.column.path, value: read.copies } : { path: cell.column.path });
      } else if (!cell.blank) changes.push({ path: cell.column.path, value: cell.value });
      else if (cell.column.optional) changes.push({ path: cell.column.path });
      else if (OPTIONAL_GROUPS.has(group)) {
        problems.push(problemAt(cell, `is blank, but this row fills other ${group} columns: fill it in, or leave every ${group} column blank`));
      }
    }
  }
  return { changes, problems };
}

/** The cell that gave a field (or the first of the fields below it, or the list it is in: `copies.1.email`), if the sheet has one. */
function cellFor(row: SheetRow, field: string | undefined): RowCell | undefined {
  if (field === undefined) return undefined;
  return row.cells.get(field) ?? [...row.cells.values()].find((cell) => cell.column.field.startsWith(`${field}.`) || (cell.column.kind === 'addresses' && field.startsWith(`${cell.column.field}.`)));
}

/**
 * A "Copies to" cell holds addresses and names, not roles: each copy keeps
 * the role its data file gives the same address, and copies the same as the
 * file's are no change at all, so an exported sheet imports to the same bytes.
 */
function keepCopies(changes: Change[], before: unknown): Change[] {
  const existing = valueAt(before, ['copies']);
  const known = Array.isArray(existing) ? (existing as Copy[]) : [];
  return changes.flatMap((change): Change[] => {
    if (change.path.join('.') !== 'copies' || change.value === undefined) return [change];
    const copies = (change.value as Copy[]).map((copy) => {
      const role = known.find((entry) => typeof entry?.email === 'string' && entry.email.toLowerCase() === copy.email.toLowerCase())?.role;
      return role === undefined ? copy : { ...copy, role };
    });
    return isDeepStrictEqual(copies, existing) ? [] : [{ path: change.path, value: copies }];
  });
}

/** A new file's fields: the row's, with the recipient of the authority's latest earlier file where the row gives none. */
function newFileValue(changes: Change[], recipient?: unknown): unknown {
  const carried: Change[] = recipient === undefined ? [] : [{ path: ['recipient'], value: recipient }];
  const ordered = [...carried, ...changes].filter((change) => change.value !== undefined).sort((a, b) => GROUP_ORDER.indexOf(a.path[0]!) - GROUP_ORDER.indexOf(b.path[0]!));
  return applied({}, ordered);
}

function fieldChanges(before: unknown, changes: Change[]): FieldChange[] {
  const after = applied(before, changes);
  const result: FieldChange[] = [];
  const seen = new Set<string>();
  for (const { path } of changes) {
    for (const leaf of leaves(valueAt(before, path), path).concat(leaves(valueAt(after, path), path))) {
      const field = leaf.join('.');
      if (seen.has(field)) continue;
      seen.add(field);
      const old = valueAt(before, leaf);
      const now = valueAt(after, leaf);
      if (old !== now) result.push({ field, old, new: now });
    }
  }
  return result;
}

function leaves(value: unknown, path: string[]): string[][] {
  if (value === null || typeof value !== 'object') return value === undefined ? [] : [path];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
}

/** The files, in the order given: where one slug is in several (earlier years, latest first), the first is kept. */
function knownFiles(entries: { file: string; slug: string }[]): KnownFiles {
  const known: KnownFiles = { all: [], bySlug: new Map(), byKey: new Map() };
  for (const entry of entries) {
    const bytes = readFileSync(entry.file);
    const yaml = parseYamlBytes(entry.file, bytes);
    // Offsets in the document are in the text as parsed, after any byte-order mark.
    const source = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const name = valueAt(yaml.value, ['authority', 'name']);
    const file: ExistingFile = { file: entry.file, slug: entry.slug, source, value: yaml.value, document: yaml.document!, yaml, problems: yaml.problems, name: typeof name === 'string' ? name : '' };
    known.all.push(file);
    if (!known.bySlug.has(entry.slug)) known.bySlug.set(entry.slug, file);
    if (file.name !== '') known.byKey.set(nameKey(file.name), [...(known.byKey.get(nameKey(file.name)) ?? []), file]);
  }
  return known;
}

/** Whether the row fills in any recipient cell. */
function givesRecipient(row: SheetRow): boolean {
  return [...row.cells.values()].some((cell) => cell.column.group === 'recipient' && !cell.blank);
}

function touchesStatistics(changes: Change[]): boolean {
  return changes.some((change) => change.path[0] === 'statistics');
}

/** A carried-over file (\`statistics: {}\` and the comment asking for the figures) as it reads without those lines, so the figures go in as block lines like any file's. */
function filledIn(file: ExistingFile, year: string): ExistingFile | undefined {
  const source = withoutFiguresToFill(file.source, year);
  if (source === undefined) return undefined;
  const yaml = parseYamlSource(file.file, source);
  return yaml.problems.length > 0 ? undefined : { ...file, source, value: yaml.value, document: yaml.document!, yaml };
}
