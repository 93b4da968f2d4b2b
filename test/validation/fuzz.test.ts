import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { loadProject } from '../../src/project.js';
import { renderLetter } from '../../src/render.js';
import { writeText } from '../../src/writers/text.js';
import { mutate } from './fuzz/mutations.js';
import { seededRandom } from './fuzz/random.js';
import { ROOT } from './support.js';

/**
 * Hundreds of random edits of the shipped data files. Whatever the edit,
 * loading must end in a letter or in problems a person can act on: never an
 * exception, a hang, or words made from a missing value. FUZZ_SEED=<n> tries
 * other edits; the seed is in every test name, so a failure can be run again.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_200_722);
const CASES_PER_FILE = 70;
/** What a value that never arrived looks like once it is turned into words. */
const LEAK = /undefined|NaN|\[object/;
/** Characters that act on a terminal or hide in a letter (a letter's text may hold line breaks, tabs and page breaks). */
const INVISIBLE = /[\u0000-\u0008\u000b\u000d-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

const shippedFiles = readdirSync(join(ROOT, 'data'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.yaml'))
  .sort();
const random = seededRandom(SEED);
const cases = shippedFiles.flatMap((path) => {
  const original = readFileSync(join(ROOT, 'data', path)).toString('latin1');
  return Array.from({ length: CASES_PER_FILE }, () => ({ path, ...mutate(original, random) }));
});

const root = mkdtempSync(join(tmpdir(), 'letters-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`random edits of the shipped data files (seed ${SEED})`, () => {
  it('cover every shipped file', () => {
    expect(shippedFiles).toHaveLength(5);
  });

  for (const [index, { path, bytes, label }] of cases.entries()) {
    it(`seed ${SEED} #${index} ${path}: ${label}`, async () => {
      const dataDir = join(root, `case-${index}`);
      const file = join(dataDir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, Buffer.from(bytes, 'latin1'));

      const project = await loadProject({ dataDir, templatesDir: join(ROOT, 'templates') });

      for (const problem of project.problems) {
        const printed = formatProblem(problem);
        expect(printed).not.toMatch(LEAK);
        expect(printed).not.toMatch(INVISIBLE);
        expect(printed).not.toMatch(/[\t\n\f]/);
        expect(problem.file, printed).toBe(file);
      }
      const errors = project.problems.filter((problem) => problem.severity === 'error');
      for (const error of errors) {
        const printed = formatProblem(error);
        expect(error.line, printed).toBeGreaterThanOrEqual(1);
        expect(error.line, printed).toBeLessThanOrEqual(bytes.split('\n').length);
        expect(error.column, printed).toBeGreaterThanOrEqual(1);
      }
      if (errors.length > 0) {
        expect(project.letters).toEqual([]);
        return;
      }
      expect(project.letters).toHaveLength(1);
      const letter = project.letters[0]!;
      const text = writeText(renderLetter(letter, project.years.get(letter.year)!).document);
      expect(text).not.toMatch(LEAK);
      expect(text).not.toMatch(INVISIBLE);
      // A hang still fails; a busy machine only makes a case slower.
    }, 30_000);
  }
});
