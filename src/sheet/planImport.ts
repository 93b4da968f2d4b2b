import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LettersError, type Problem } from '../errors.js';
import { findDataFiles, suggestSlug } from '../load/dataFiles.js';
import type { Document } from 'yaml';
import { parseYamlBytes, parseYamlSource, type YamlFile } from '../load/yamlFile.js';
import { yearsWithTemplates, loadYear } from '../load/yearTemplates.js';
import { valueAt } from '../validate/schemaProblems.js';
import { validateAuthority } from '../validate/validateAuthority.js';
import { cellText } from './cells.js';
import { OPTIONAL_GROUPS, yearColumns, type Column } from './columns.js';
import { applied, editYaml, newYaml, type Change } from './editYaml.js';
import type { Sheet } from './readSheet.js';
import { sheetRows, type RowCell, type SheetRow } from './sheetRows.js';

/** The parts of a new data file, in the order the shipped files have them. */
const GROUP_ORDER = ['authority', 'recipient', 'training', 'delay', 'statistics'];

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
  source: string;
  value: unknown;
  document: Document.Parsed;
  yaml: YamlFile;
  problems: Problem[];
}

/**
 * Reads every row of the sheet into the data file it updates or creates,
 * and checks each result with the year's schema and consistency rules, so
 * every problem is known, by cell, before anything is written.
 */
export async function planImport(sheet: Sheet, options: { year: string; dataDir: string; templatesDir: string }): Promise<ImportPlan> {
  await yearsWithTemplates(options.templatesDir, options.year);
  const year = await loadYear(options.templatesDir, options.year);
  const columns = yearColumns(year);
  const read = sheetRows(sheet, columns);
  const placed: Placed[] = read.problems.map((problem) => ({ problem, row: -1, column: 0 }));
  const existing = await existingFiles(options.dataDir, options.year);

  const files: FilePlan[] = [];
  const firstRow = new Map<string, SheetRow>();
  let skipped = read.skipped;
  for (const row of read.rows) {
    const nameCell = row.cells.get('authority.name')!;
    const at = (cell: RowCell, field: string, message: string): Placed => ({ problem: { severity: 'error', ...sheet.at(row.row, cell.index), field, message }, row: row.row, column: cell.index });
    if (row.name === '') {
      placed.push(at(nameCell, 'authority.name', 'is blank: every row names its authority'));
      skipped += 1;
      continue;
    }
    const slug = suggestSlug(row.name);
    const match = existing.byName.get(nameKey(row.name)) ?? existing.bySlug.get(slug);
    const file = match?.file ?? join(options.dataDir, options.year, `${slug}.yaml`);
    const first = firstRow.get(file);
    if (first) {
      placed.push(at(nameCell, 'authority.name', `is a second row for ${first.name} (the first is ${sheet.ref(first.row, nameCell.index)})`));
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

    const { changes, problems } = rowChanges(row, columns, (cell, message) => at(cell, cell.column.field, message));
    const parse = (source: string) => parseYamlSource(file, source);
    const edited = match ? editYaml(match, changes, parse) : undefined;
    const text = edited?.text ?? newYaml(`# yaml-language-server: $schema=../../schema/${options.year}.json`, newFileValue(changes));
    // An unchanged file is checked as it was read; any other as it will be written.
    const checked = validateAuthority(edited ? (edited.parsed ?? match!.yaml) : parse(text), year.config);
    const toFill: Problem[] = [];
    const known = new Set(problems.map((p) => p.problem.field));
    for (const problem of checked.problems) {
      const cell = cellFor(row, problem.field);
      // A field the sheet has a column for is the sheet's problem, at its cell; the rest is still to fill in by hand.
      if (!cell || (cell.blank && cell.column.group === 'recipient')) toFill.push(problem);
      else if (!known.has(cell.column.field)) {
        problems.push(at(cell, problem.field!, problem.message));
        known.add(cell.column.field);
      }
    }
    if (problems.length > 0) {
      placed.push(...problems);
      skipped += 1;
      continue;
    }
    const status = !match ? 'created' : text === match.source ? 'unchanged' : 'updated';
    files.push({ file, status, text, changes: match ? fieldChanges(match.value, changes) : [], toFill });
  }
  placed.sort((a, b) => a.row - b.row || a.column - b.column);
  return { files, problems: placed.map((p) => p.problem), notes: read.notes, read: read.read, skipped };
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
      if (!cell.blank) changes.push({ path: cell.column.path, value: cell.value });
      else if (cell.column.optional) changes.push({ path: cell.column.path });
      else if (OPTIONAL_GROUPS.has(group)) {
        problems.push(problemAt(cell, `is blank, but this row fills other ${group} columns: fill it in, or leave every ${group} column blank`));
      }
    }
  }
  return { changes, problems };
}

/** The cell that gave a field (or the first of the fields below it), if the sheet has one. */
function cellFor(row: SheetRow, field: string | undefined): RowCell | undefined {
  if (field === undefined) return undefined;
  return row.cells.get(field) ?? [...row.cells.values()].find((cell) => cell.column.field.startsWith(`${field}.`));
}

function newFileValue(changes: Change[]): unknown {
  const ordered = [...changes].filter((change) => change.value !== undefined).sort((a, b) => GROUP_ORDER.indexOf(a.path[0]!) - GROUP_ORDER.indexOf(b.path[0]!));
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

/** "Knowsley  Metropolitan Borough council" and "Knowsley Metropolitan Borough Council" are one authority. */
function nameKey(name: string): string {
  return cellText(name).toLowerCase();
}

async function existingFiles(dataDir: string, year: string): Promise<{ byName: Map<string, ExistingFile>; bySlug: Map<string, ExistingFile> }> {
  const found = await findDataFiles(dataDir);
  const byName = new Map<string, ExistingFile>();
  const bySlug = new Map<string, ExistingFile>();
  for (const entry of found.files.filter((file) => file.year === year)) {
    const bytes = readFileSync(entry.file);
    const yaml = parseYamlBytes(entry.file, bytes);
    // Offsets in the document are in the text as parsed, after any byte-order mark.
    const source = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const existing = { file: entry.file, source, value: yaml.value, document: yaml.document!, yaml, problems: yaml.problems };
    bySlug.set(entry.slug, existing);
    const name = valueAt(yaml.value, ['authority', 'name']);
    if (typeof name === 'string') byName.set(nameKey(name), existing);
  }
  return { byName, bySlug };
}

