import { lstat, realpath } from 'node:fs/promises';
import { LettersError, type Problem } from '../errors.js';
import type { Letter, YearInputs } from '../project.js';
import { VERSION } from '../version.js';
import { WRITERS, type FormatName } from '../writers/index.js';
import { forEachLimited } from './forEachLimited.js';
import { isUpToDate } from './freshness.js';
import type { KeptDocuments } from './keptDocuments.js';
import { makeDirectory } from './makeDirectory.js';
import { runInputs } from './letterInputs.js';
import { MANIFEST_FILE, readManifest, writeManifest, type ManifestEntry } from './manifest.js';
import { stopPoint } from '../output/faultPoints.js';
import { fileError } from '../output/ioError.js';
import { lockYear, type YearLock } from '../output/yearLock.js';
import { yearDir } from './outputPath.js';
import { removeGone } from './removeGone.js';
import type { LetterPool } from './pool.js';
import type { Progress } from './progress.js';
import { removeAbandonedTemporaryFiles } from './temporaryFiles.js';
import type { WrittenFile } from './task.js';

export interface BatchOptions {
  /** Valid letters only: validation has already passed (or been overridden). */
  letters: Letter[];
  /** The letters' years, with the template files each is made from. */
  years: Map<string, YearInputs>;
  templatesDir: string;
  outDir: string;
  formats: FormatName[];
  /** Drafts of a year still marked for review (`build --draft`): marked, recorded as drafts in the manifest. */
  draft?: boolean;
  /**
   * For a whole year's build: each such year's data files (by slug, valid or
   * not). Letters of the year whose data file is not among them are removed.
   */
  present?: Map<string, Set<string>>;
  /** Remake every letter, even when its inputs are unchanged. */
  force: boolean;
  pool: LetterPool;
  /** The documents made while the data was checked: each is handed to its letter's task, not rendered again. */
  documents?: KeptDocuments;
  /** How many letters to have in the pool at once: enough to keep every thread busy. */
  inFlight: number;
  progress: Progress;
  /** Aborted on Ctrl-C: no new letters are started, and the ones in progress are finished. */
  signal: AbortSignal;
}

export interface BatchResult {
  written: number;
  skipped: number;
  failed: number;
  notStarted: number;
  failures: Problem[];
  /** Letters removed because their data file is gone, as `<year>/<slug>`. */
  removed: string[];
  /** Of every letter of the run, made now or skipped (from its manifest entry). */
  warnings: Problem[];
}

/** How often the manifests are saved during a run, so a killed run loses little. */
const CHECKPOINT_MS = 1000;

/**
 * Makes the letters whose inputs changed since their files were made,
 * keeps the others, and keeps each year's manifest in step: it is saved
 * every second during the run and at the end, always after the files it
 * describes, so a killed run is rerun from where it was.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { letters, outDir } = options;
  const years = new Set([...letters.map((letter) => letter.year), ...(options.present?.keys() ?? [])]);
  for (const year of years) await refuseLink(yearDir(outDir, year), outDir);
  // Two builds into one folder would interleave their files and manifests.
  const locks: YearLock[] = [];
  try {
    for (const year of years) locks.push(await lockYear('output', yearDir(outDir, year)));
    await stopPoint('building');
    return await makeLetters(options, years);
  } finally {
    for (const lock of locks) await lock.release();
  }
}

async function makeLetters(options: BatchOptions, years: Set<string>): Promise<BatchResult> {
  const { letters, formats, outDir } = options;
  const manifests = new Map<string, Map<string, ManifestEntry>>();
  for (const year of years) {
    const dir = yearDir(outDir, year);
    await makeDirectory(dir);
    await removeAbandonedTemporaryFiles(dir);
    manifests.set(year, await readManifest(dir));
  }
  const inputsOf = await runInputs(options.years, options.templatesDir, years);

  const result: BatchResult = { written: 0, skipped: 0, failed: 0, notStarted: 0, failures: [], warnings: [], removed: [] };
  for (const [year, slugs] of options.present ?? []) {
    const removed = await removeGone(yearDir(outDir, year), manifests.get(year)!, slugs);
    if (removed.length === 0) continue;
    result.removed.push(...removed.map((slug) => `${year}/${slug}`));
    await writeManifest(yearDir(outDir, year), VERSION, year, manifests.get(year)!);
  }
  const pending: { letter: Letter; inputs: string }[] = [];
  await forEachLimited(letters, 16, async (letter) => {
    const inputs = inputsOf.of(letter.year, letter.sha256, options.draft === true);
    const entry = manifests.get(letter.year)!.get(letter.slug);
    const wanted = formats.map((format) => `${letter.slug}.${WRITERS[format].extension}`);
    if (!options.force && (await isUpToDate(entry, inputs, wanted, yearDir(outDir, letter.year)))) {
      result.skipped += 1;
      result.warnings.push(...entry!.warnings);
    } else {
      pending.push({ letter, inputs });
    }
  });
  // The skip checks finish in any order; letters are made in the order given.
  const order = new Map(letters.map((letter, index) => [letter, index]));
  pending.sort((a, b) => order.get(a.letter)! - order.get(b.letter)!);

  const saver = manifestSaver(outDir, manifests);
  options.progress.start(pending.length);
  // A checkpoint that fails (disk full) is not fatal: the final save reports it.
  const checkpoints = setInterval(() => saver.save().catch(() => {}), CHECKPOINT_MS);
  try {
    await forEachLimited(
      pending,
      options.inFlight,
      async ({ letter, inputs }) => {
        try {
          const document = options.documents?.take(letter.file);
          const made = await options.pool.run({ letter, formats, outDir, templatesDir: options.templatesDir, averages: options.years.get(letter.year)!.averages, draft: options.draft === true, document });
          if (made.ok) {
            const manifest = manifests.get(letter.year)!;
            manifest.set(letter.slug, { inputs, files: keptFiles(manifest.get(letter.slug), inputs, made.files), warnings: letter.warnings, ...(options.draft ? { draft: true as const } : {}) });
            saver.changed(letter.year);
            result.written += 1;
            result.warnings.push(...letter.warnings);
          } else {
            result.failed += 1;
            result.failures.push(...made.problems);
          }
        } catch (error) {
          // A bug or a crashed thread: this letter fails, the others go on.
          const message = error instanceof Error ? error.message : String(error);
          result.failed += 1;
          result.failures.push({ severity: 'error', file: letter.file, message: `internal error while making this letter: ${message}` });
        }
        options.progress.advance();
      },
      () => options.signal.aborted,
    );
  } finally {
    clearInterval(checkpoints);
    options.progress.stop();
    try {
      await saver.save();
    } catch (error) {
      // A full disk at the end is reported with the summary, which is still printed.
      const reported = fileError(error, 'write', MANIFEST_FILE);
      if (!(reported instanceof LettersError)) throw error;
      result.failures.push({ severity: 'error', message: `${reported.message}; the letters written are in place, and the next build checks them again` });
    }
  }
  result.notStarted = pending.length - result.written - result.failed;
  return result;
}

/** A year folder that is a link would send the letters wherever it points, outside --out. */
async function refuseLink(dir: string, outDir: string): Promise<void> {
  const info = await lstat(dir).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    throw new LettersError(`${dir} is a link to ${await realpath(dir)}: letters are written only inside ${outDir} (remove the link, or choose another --out)`);
  }
}

/**
 * The new files, plus the files of other formats from before when they were
 * made from the same inputs (a `--format text` run keeps the PDFs listed).
 */
function keptFiles(previous: ManifestEntry | undefined, inputs: string, written: WrittenFile[]): WrittenFile[] {
  if (!previous || previous.inputs !== inputs) return written;
  const names = new Set(written.map((file) => file.name));
  return [...written, ...previous.files.filter((file) => !names.has(file.name))];
}

/** Saves changed manifests one save at a time, so an older state never lands after a newer one. */
function manifestSaver(outDir: string, manifests: Map<string, Map<string, ManifestEntry>>) {
  const changed = new Set<string>();
  let saving = Promise.resolve();
  return {
    changed(year: string) {
      changed.add(year);
    },
    save(): Promise<void> {
      saving = saving.catch(() => {}).then(async () => {
        for (const year of [...changed]) {
          changed.delete(year);
          await writeManifest(yearDir(outDir, year), VERSION, year, manifests.get(year)!);
        }
      });
      return saving;
    },
  };
}
