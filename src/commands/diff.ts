import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors.js';
import { diffLetter, formatHunk, type LetterDiff } from '../diff/diffLetter.js';
import { listReferenceLetters, referenceLetter } from '../diff/referenceLetters.js';
import { loadProject } from '../project.js';
import { renderLetter } from '../render.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

export interface DiffOptions extends InputOptions {
  sources: string;
  /** An earlier build to compare every letter with, instead of the published letters. */
  against?: string;
  authority?: string;
}

/** `letters diff`: render each reference letter's authority and compare words with the published text. */
export async function diffCommand(files: string[], options: DiffOptions): Promise<number> {
  if (options.against !== undefined) {
    if (files.length > 0) throw new UsageError('--against compares every letter with an earlier build: give no reference letters with it');
    return (await import('./diffAgainst.js')).diffAgainstCommand({ ...options, against: options.against });
  }
  if (options.year !== undefined || options.authority !== undefined) throw new UsageError('--year and --authority narrow `letters diff --against DIR` only');
  const references = files.length > 0 ? files.map(referenceLetter) : await listReferenceLetters(options.sources);
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates });
  const results: LetterDiff[] = [];
  let failed = 0;
  for (const reference of references) {
    const letter = project.letters.find((l) => l.year === reference.year && l.slug === reference.slug);
    if (!letter) {
      const own = project.problems.filter((p) => p.file?.includes(`${reference.year}/${reference.slug}.`));
      if (own.length > 0) reportProblems(own);
      else process.stderr.write(`${reference.file}: no data file ${options.data}/${reference.year}/${reference.slug}.yaml\n`);
      failed += 1;
      continue;
    }
    results.push(await diffLetter(reference, renderLetter(letter, project.years.get(letter.year)!).document));
  }
  for (const result of results) printResult(result);
  const differ = results.filter((r) => r.differences.length > 0 || r.staleExpectations.length > 0).length + failed;
  const total = references.length;
  process.stdout.write(`${total} ${total === 1 ? 'letter' : 'letters'}: ${total - differ} match, ${differ} differ\n`);
  return differ > 0 ? EXIT_FAILURE : EXIT_OK;
}

function printResult(result: LetterDiff): void {
  const { reference, differences, staleExpectations, explained } = result;
  const ok = differences.length === 0 && staleExpectations.length === 0;
  const known = explained > 0 ? ` (${explained} known extraction ${explained === 1 ? 'difference' : 'differences'})` : '';
  process.stdout.write(`${ok ? 'match ' : 'DIFFER'}  ${reference.file}${known}\n`);
  for (const hunk of differences) process.stdout.write(`  ${formatHunk(reference.file, hunk)}\n`);
  for (const entry of staleExpectations) {
    process.stdout.write(`  ${reference.expectedFile}  listed difference not found: [-${entry.published}-]{+${entry.rendered}+} (${entry.reason})\n`);
  }
}

