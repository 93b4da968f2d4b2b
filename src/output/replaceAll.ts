import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LettersError } from '../errors.js';
import { isRunning, removeAbandonedTemporaryFiles } from '../batch/temporaryFiles.js';
import { renameDurably, syncFolder, writeDurably, writeFileAtomic } from './atomicWrite.js';
import { stopPoint } from './faultPoints.js';
import { withConsequence } from './ioError.js';

/**
 * Replaces several files of one folder all together or not at all, even if
 * the process is killed at any moment. A journal (`.letters-journal.json`)
 * lists the files; each new content is staged beside its file
 * (`.<name>.<pid>.staged`) and flushed; the journal is then marked
 * `renaming` (the point of no return) and each staged file renamed over its
 * file. Every rename is atomic, so each file is always its old or its new
 * content whole, and `finishInterrupted` completes what a killed run began
 * (or, before the point of no return, removes what it staged).
 */
export const JOURNAL_FILE = '.letters-journal.json';

interface Journal {
  pid: number;
  state: 'staging' | 'renaming';
  files: { name: string; staged: string }[];
}

export type ReplaceResult = 'replaced' | 'stopped';

/** `stop()` is asked just before the point of no return: true leaves every file as it was. */
export async function replaceAll(dir: string, files: { file: string; data: string | Uint8Array }[], stop: () => boolean): Promise<ReplaceResult> {
  for (const { file } of files) if (resolve(dirname(file)) !== resolve(dir)) throw new Error(`${file} is not in ${dir}`);
  const journal: Journal = { pid: process.pid, state: 'staging', files: files.map(({ file }) => ({ name: basename(file), staged: `.${basename(file)}.${process.pid}.staged` })) };
  const journalFile = join(dir, JOURNAL_FILE);
  await writeFileAtomic(journalFile, JSON.stringify(journal)).catch((error) => {
    throw withConsequence(error, 'nothing was changed');
  });
  try {
    for (const [index, { file, data }] of files.entries()) {
      await writeDurably(join(dir, journal.files[index]!.staged), data, file);
      await stopPoint('staging');
    }
    await syncFolder(dir);
    await stopPoint('staged');
  } catch (error) {
    await undo(dir, journal);
    throw withConsequence(error, 'nothing was changed');
  }
  if (stop()) {
    await undo(dir, journal);
    return 'stopped';
  }
  try {
    await writeFileAtomic(journalFile, JSON.stringify({ ...journal, state: 'renaming' }));
  } catch (error) {
    await undo(dir, journal);
    throw withConsequence(error, 'nothing was changed');
  }
  let renamed = 0;
  try {
    for (const entry of journal.files) {
      await renameDurably(join(dir, entry.staged), join(dir, entry.name));
      renamed += 1;
      await stopPoint('renaming');
    }
  } catch (error) {
    throw withConsequence(error, `${renamed} of ${files.length} files were replaced; the next \`letters import\` or \`letters validate\` of this year finishes the rest`);
  }
  await rm(journalFile, { force: true });
  await syncFolder(dir);
  return 'replaced';
}

/**
 * Completes or undoes what an interrupted `replaceAll` left in `dir`, and
 * says which (undefined when nothing was left). Run with the folder locked.
 */
export async function finishInterrupted(dir: string): Promise<string | undefined> {
  const journalFile = join(dir, JOURNAL_FILE);
  const text = await readFile(journalFile, 'utf8').catch(() => undefined);
  await removeAbandonedTemporaryFiles(dir);
  if (text === undefined) return removeStrayStaged(dir);
  let journal: Journal;
  try {
    journal = JSON.parse(text) as Journal;
  } catch {
    throw new LettersError(`${journalFile} cannot be read: an interrupted import left it; check the data files of ${dir} and remove it`);
  }
  if (journal.state === 'staging') {
    await undo(dir, journal);
    return `an import into ${dir} was interrupted before it replaced any file: undone, every file is as it was before it`;
  }
  let finished = 0;
  for (const entry of journal.files) {
    const staged = join(dir, entry.staged);
    if ((await readFile(staged).catch(() => undefined)) === undefined) continue;
    await renameDurably(staged, join(dir, entry.name));
    finished += 1;
  }
  await rm(journalFile, { force: true });
  await syncFolder(dir);
  return `an import into ${dir} was interrupted while it replaced its files: finished, ${journal.files.length} ${journal.files.length === 1 ? 'file is' : 'files are'} as that import wrote ${journal.files.length === 1 ? 'it' : 'them'} (${finished} replaced now)`;
}

async function undo(dir: string, journal: Journal): Promise<void> {
  for (const entry of journal.files) await rm(join(dir, entry.staged), { force: true });
  await rm(join(dir, JOURNAL_FILE), { force: true });
  await syncFolder(dir);
}

/** Staged files with no journal (a process killed as its journal was removed) are of no use. */
async function removeStrayStaged(dir: string): Promise<undefined> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = /^\..*\.(\d+)\.staged$/.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(join(dir, name), { force: true });
  }
  return undefined;
}
