import { dirname, join } from 'node:path';
import type { Problem } from '../errors.js';
import { builtFile } from '../batch/freshness.js';
import { runInputs } from '../batch/letterInputs.js';
import { readManifest, MANIFEST_FILE, type ManifestEntry } from '../batch/manifest.js';
import { yearDir } from '../batch/outputPath.js';
import type { Letter, Project } from '../project.js';
import { WRITERS, type FormatName } from '../writers/index.js';

/**
 * Which of a year's built letters may leave the building (be sent or
 * published): each is built, its files are still the bytes the manifest
 * records, they were made from the data and templates as they are now (the
 * manifest's input hash), the year has no problems, and, where asked, the
 * letter has an address to go to. Anything else is not ready, with why.
 */

/** One file of a ready letter, as built: the bytes the manifest records. */
export interface ReadyFile {
  name: string;
  path: string;
  sha256: string;
  bytes: Buffer;
}

export type Readiness =
  | { ready: true; slug: string; file: string; letter: Letter; entry: ManifestEntry; files: Map<FormatName, ReadyFile> }
  | { ready: false; slug: string; file: string; letter?: Letter; reason: string };

export interface ReadyOptions {
  /** The built files each letter needs (default: the PDF). */
  formats?: FormatName[];
  /** Not ready without `recipient.email`. */
  requireAddress?: boolean;
  /** Only these letters (default: every letter of the year in the project). */
  only?: (letter: Letter) => boolean;
}

export interface ReadyCheck {
  /** Each letter of the year, by slug; a data file with problems is one that is not ready. */
  letters: Readiness[];
  /** Problems of the year itself (year.yaml, its templates): while there is one, no letter is ready. */
  yearProblems: Problem[];
}

export async function readyLetters(project: Project, year: string, outDir: string, options: ReadyOptions = {}): Promise<ReadyCheck> {
  const formats = options.formats ?? ['pdf'];
  const loaded = project.years.get(year);
  const errors = project.problems.filter((problem) => problem.severity === 'error');
  const dataErrors = new Map<string, Problem[]>();
  const yearProblems: Problem[] = [];
  for (const problem of errors) {
    const data = problem.file === undefined ? undefined : dataFileOf(problem.file);
    // Another year's data file is that year's problem; anything else that is wrong (year.yaml, a template, the data folder) holds this year up.
    if (data === undefined) yearProblems.push(problem);
    else if (data.year === year) dataErrors.set(data.slug, [...(dataErrors.get(data.slug) ?? []), problem]);
  }
  const letters: Readiness[] = [];
  for (const [slug, problems] of dataErrors) {
    if (project.letters.some((letter) => letter.year === year && letter.slug === slug)) continue;
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    letters.push({ ready: false, slug, file: problems[0]!.file!, reason: `its data file has ${count} (\`letters validate --year ${year}\`)` });
  }
  const wanted = project.letters.filter((letter) => letter.year === year && (options.only?.(letter) ?? true));
  const dir = yearDir(outDir, year);
  const manifest = await readManifest(dir);
  const inputs = loaded ? await runInputs(project.years, dirname(loaded.dir), [year]) : undefined;
  // Paths in reasons as the user gave --out.
  const manifestPath = join(outDir, year, MANIFEST_FILE);
  for (const letter of wanted) {
    const notReady = (reason: string): Readiness => ({ ready: false, slug: letter.slug, file: letter.file, letter, reason });
    const entry = manifest.get(letter.slug);
    if (yearProblems.length > 0) {
      const count = yearProblems.length === 1 ? 'a problem' : `${yearProblems.length} problems`;
      letters.push(notReady(`the year ${year} has ${count} (\`letters validate --year ${year}\`)`));
    } else if (!entry) {
      letters.push(notReady(`not built: it is not in ${manifestPath} (\`letters build --year ${year}\`)`));
    } else if (entry.inputs !== inputs!.of(year, letter.sha256)) {
      letters.push(notReady(`out of date: its data or the year's templates changed since it was built (\`letters build --year ${year}\`)`));
    } else {
      const files = new Map<FormatName, ReadyFile>();
      let wrong: string | undefined;
      for (const format of formats) {
        const built = await builtFile(entry, `${letter.slug}.${WRITERS[format].extension}`, dir);
        const where = join(outDir, year, built.name);
        if (built.ok) files.set(format, { name: built.name, path: built.path, sha256: built.sha256, bytes: built.bytes });
        else wrong ??= built.wrong === 'not listed' ? `no ${format.toUpperCase()} was built (\`letters build --year ${year} --format ${format}\`)` : `${where} is ${built.wrong === 'missing' ? 'missing' : 'not the file that was built (changed since)'} (\`letters build --year ${year}\`)`;
      }
      if (wrong) letters.push(notReady(wrong));
      else if (options.requireAddress && letter.record.recipient.email === undefined) letters.push(notReady('no address: its data file has no recipient.email'));
      else letters.push({ ready: true, slug: letter.slug, file: letter.file, letter, entry, files });
    }
  }
  letters.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { letters, yearProblems };
}

/** `data/2020/knowsley.yaml` → 2020, `knowsley`; undefined for a file that is not a data file (`templates/2020/year.yaml`). */
function dataFileOf(file: string): { year: string; slug: string } | undefined {
  const match = /(?:^|[\\/])(\d{4})[\\/]([^\\/]+)\.ya?ml$/i.exec(file);
  return match && match[2] !== 'year' ? { year: match[1]!, slug: match[2]! } : undefined;
}
