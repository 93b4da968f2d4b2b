import { readFile } from 'node:fs/promises';
import { EXIT_FAILURE, EXIT_OK, LettersError, blockingProblems } from '../errors.js';
import { compareWords, type Hunk } from '../diff/compare.js';
import { formatHunk, sectionWords, type SectionText } from '../diff/diffLetter.js';
import { listBuiltLetters } from '../diff/earlierBuild.js';
import { normaliseWords } from '../diff/normalise.js';
import { loadProject, type Letter } from '../project.js';
import { writeSection } from '../writers/text.js';
import { findLetter } from './findLetter.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

export interface DiffAgainstOptions extends InputOptions {
  /** The folder of an earlier build: `<year>/<slug>.txt` inside. */
  against: string;
  authority?: string;
}

type Status = 'unchanged' | 'changed' | 'new' | 'gone';

/**
 * `letters diff --against DIR`: renders every letter now, in memory, and
 * compares its words with the text letter of the same year and slug in an
 * earlier build, as `letters diff` compares the published letters. Lists
 * each letter as unchanged, changed (with its differences), new or gone.
 */
export async function diffAgainstCommand(options: DiffAgainstOptions): Promise<number> {
  const built = await listBuiltLetters(options.against, options.year);
  // Each letter's text, section by section, kept from the check rather than rendered again.
  const texts = new Map<Letter, SectionText[]>();
  const project = await loadProject({
    dataDir: options.data,
    templatesDir: options.templates,
    year: options.year,
    rendered: (letter, document) => texts.set(letter, document.sections.map((section) => ({ name: section.name, text: writeSection(section) }))),
  });
  // Comparing writes nothing, so a year still marked for review can be compared.
  const blocking = blockingProblems(project.problems, true);
  if (blocking.length > 0) {
    reportProblems(blocking);
    process.stderr.write('nothing compared: every letter must be made to know what changed\n');
    return EXIT_FAILURE;
  }
  const letters = options.authority === undefined ? project.letters : [findLetter(project.letters, options.authority)];
  const now = new Map(letters.map((letter) => [`${letter.year}/${letter.slug}`, letter]));
  const before = new Map(
    built.filter((earlier) => options.authority === undefined || now.has(`${earlier.year}/${earlier.slug}`)).map((earlier) => [`${earlier.year}/${earlier.slug}`, earlier.file]),
  );
  const counts: Record<Status, number> = { unchanged: 0, changed: 0, new: 0, gone: 0 };
  for (const key of [...new Set([...now.keys(), ...before.keys()])].sort()) {
    const letter = now.get(key);
    const file = before.get(key);
    let status: Status;
    let hunks: Hunk[] = [];
    if (letter && file) {
      hunks = compareWords(normaliseWords(await readEarlier(file)), sectionWords(texts.get(letter)!));
      status = hunks.length > 0 ? 'changed' : 'unchanged';
    } else {
      status = letter ? 'new' : 'gone';
    }
    counts[status] += 1;
    const where = status === 'new' ? `  ${letter!.file}` : status === 'gone' ? `  ${file}` : '';
    process.stdout.write(`${status.padEnd(9)}  ${key}${where}\n`);
    for (const hunk of hunks) process.stdout.write(`  ${formatHunk(file!, hunk)}\n`);
  }
  const total = counts.unchanged + counts.changed + counts.new + counts.gone;
  process.stdout.write(`${total} ${total === 1 ? 'letter' : 'letters'}: ${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.new} new, ${counts.gone} gone\n`);
  return total === counts.unchanged ? EXIT_OK : EXIT_FAILURE;
}

async function readEarlier(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new LettersError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
