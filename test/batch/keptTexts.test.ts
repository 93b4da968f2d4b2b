import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeptTexts } from '../../src/batch/keptTexts.js';
import { inThisThread } from '../../src/batch/thisThread.js';
import { loadProject } from '../../src/project.js';
import { writeText } from '../../src/writers/text.js';
import { renderProject, tempDir } from '../helpers.js';
import { syntheticProject } from './support.js';

describe('KeptTexts', () => {
  it('keeps texts within its budget, and gives each back once', () => {
    const texts = new KeptTexts(10);
    texts.keep('a.yaml', 'Dear Ms A');
    texts.keep('b.yaml', 'Dear B');
    expect(texts.take('a.yaml')?.toString('utf8')).toBe('Dear Ms A');
    expect(texts.take('a.yaml')).toBeUndefined();
    // B did not fit beside A's 9 bytes; with A taken, it would.
    expect(texts.take('b.yaml')).toBeUndefined();
    texts.keep('b.yaml', 'Dear B');
    expect(texts.take('b.yaml')?.toString('utf8')).toBe('Dear B');
  });

  it('counts bytes, not characters', () => {
    const texts = new KeptTexts(8);
    texts.keep('a.yaml', 'Siân – Môn');
    expect(texts.take('a.yaml')).toBeUndefined();
  });
});

describe('letters made in this thread', () => {
  it('are written from the text made while checking, the same text rendering again makes', async () => {
    const dir = syntheticProject(6);
    const texts = new KeptTexts();
    const project = await loadProject({
      dataDir: join(dir, 'data'),
      templatesDir: join(dir, 'templates'),
      rendered: (letter, document) => texts.keep(letter.file, writeText(document)),
    });
    const expected = await renderProject(dir);
    const [first, second] = project.letters;
    const out = tempDir();
    const pool = inThisThread(project.years, texts);

    expect(await pool.run({ letter: first!, formats: ['text'], outDir: out, templatesDir: join(dir, 'templates') })).toMatchObject({ ok: true });
    expect(readFileSync(join(out, first!.year, `${first!.slug}.txt`), 'utf8')).toBe(expected.texts.get(`${first!.year}/${first!.slug}`));

    // What was kept is what is written: a text put in its place shows it was not rendered again.
    texts.take(second!.file);
    texts.keep(second!.file, 'kept while checking\n');
    await pool.run({ letter: second!, formats: ['text'], outDir: out, templatesDir: join(dir, 'templates') });
    expect(readFileSync(join(out, second!.year, `${second!.slug}.txt`), 'utf8')).toBe('kept while checking\n');

    // Written once, it is not kept: a second make renders the letter.
    await pool.run({ letter: second!, formats: ['text'], outDir: out, templatesDir: join(dir, 'templates') });
    expect(readFileSync(join(out, second!.year, `${second!.slug}.txt`), 'utf8')).toBe(expected.texts.get(`${second!.year}/${second!.slug}`));
  });
});
