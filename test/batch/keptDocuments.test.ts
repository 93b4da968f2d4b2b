import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serialize } from 'node:v8';
import { KeptDocuments, keptDocument } from '../../src/batch/keptDocuments.js';
import { startPool } from '../../src/batch/pool.js';
import { inThisThread } from '../../src/batch/thisThread.js';
import type { LetterDocument } from '../../src/document/types.js';
import { withoutImages } from '../../src/document/placeImages.js';
import { loadProject } from '../../src/project.js';
import { renderLetter } from '../../src/render.js';
import { renderProject, tempDir } from '../helpers.js';
import { syntheticProject } from './support.js';

// The built modules: the checking thread and the worker start from dist/ (src/threadFiles.ts).
const { checkInThread } = (await import(new URL('../../dist/batch/checkInThread.js', import.meta.url).href)) as typeof import('../../src/batch/checkInThread.js');
const WORKER = new URL('../../dist/batch/workerEntry.cjs', import.meta.url);

/** The document with its first paragraph's words replaced: a letter written from it shows it was not rendered again. */
function marked(document: LetterDocument, words: string): LetterDocument {
  const sections = structuredClone(document.sections);
  const paragraph = sections.flatMap((section) => section.blocks).find((block) => block.type === 'paragraph');
  if (!paragraph || paragraph.type !== 'paragraph') throw new Error('the letter has no paragraph');
  paragraph.children = [{ type: 'text', value: words }];
  return { ...document, sections };
}

const doc = (title: string): LetterDocument => ({ meta: { title, author: 'A', subject: 'S', language: 'en-GB', date: '2020-07-22' }, sections: [] });

describe('KeptDocuments', () => {
  it('keeps documents within its budget of bytes, and gives each back once, as it was', () => {
    const size = serialize(doc('A')).byteLength;
    const kept = new KeptDocuments(size * 2);
    kept.keep('a.yaml', doc('A'));
    kept.keep('b.yaml', doc('B'));
    kept.keep('c.yaml', doc('C'));
    expect(keptDocument(kept.take('a.yaml')!, {}).meta.title).toBe('A');
    expect(kept.take('a.yaml')).toBeUndefined();
    // C did not fit beside A and B; with A taken, it would.
    expect(kept.take('c.yaml')).toBeUndefined();
    kept.keep('c.yaml', doc('C'));
    expect(kept.entries().map(([file, bytes]) => `${file} ${keptDocument(bytes, {}).meta.title}`)).toEqual(['b.yaml B', 'c.yaml C']);
  });

  it('keeps only the documents of the letters a build makes', () => {
    const kept = new KeptDocuments();
    for (const name of ['a', 'b', 'c']) kept.keep(`${name}.yaml`, doc(name));
    kept.keepOnly(new Set(['b.yaml']));
    expect(KeptDocuments.from(kept.entries()).entries().map(([file]) => file)).toEqual(['b.yaml']);
  });

  it('keeps a document without its images, and gives it back with the year\'s own', async () => {
    const dir = syntheticProject(1);
    const project = await loadProject({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates') });
    const letter = project.letters[0]!;
    const year = project.years.get(letter.year)!;
    const rendered = renderLetter(letter, year).document;
    const kept = new KeptDocuments();
    kept.keep(letter.file, rendered);
    const bytes = kept.take(letter.file)!;
    // The letterhead's bytes are not kept with each letter.
    expect(bytes.byteLength).toBeLessThan(serialize(rendered).byteLength - year.images.letterhead!.bytes.byteLength + 100);
    const back = keptDocument(bytes, year.images);
    expect(back).toEqual(rendered);
    const images = back.sections.flatMap((section) => section.blocks).flatMap((block) => (block.type === 'image' ? [block.image] : []));
    expect(images).toEqual([year.images.letterhead]);
    expect(images[0]).toBe(year.images.letterhead);
    expect(() => keptDocument(bytes, {})).toThrow('the year has no letterhead image for a document that has one');
  });
});

describe('each letter of a batch is rendered once', () => {
  it('in this thread: a letter is written from the document made while checking, in every format', async () => {
    const dir = syntheticProject(6);
    const documents = new KeptDocuments();
    const project = await loadProject({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates'), rendered: (letter, document) => documents.keep(letter.file, document) });
    const expected = await renderProject(dir);
    const [first, second] = project.letters;
    const out = tempDir();
    const pool = inThisThread(project.years);
    const task = { formats: ['text' as const, 'html' as const], outDir: out, templatesDir: join(dir, 'templates') };

    expect(await pool.run({ ...task, letter: first!, document: documents.take(first!.file) })).toMatchObject({ ok: true });
    expect(readFileSync(join(out, first!.year, `${first!.slug}.txt`), 'utf8')).toBe(expected.texts.get(`${first!.year}/${first!.slug}`));

    // What was kept is what is written: words put in its place show it was not rendered again.
    const keptSecond = keptDocument(documents.take(second!.file)!, project.years.get(second!.year)!.images);
    await pool.run({ ...task, letter: second!, document: serialize(withoutImages(marked(keptSecond, 'Kept while checking.'))) });
    expect(readFileSync(join(out, second!.year, `${second!.slug}.txt`), 'utf8')).toContain('Kept while checking.');
    expect(readFileSync(join(out, second!.year, `${second!.slug}.html`), 'utf8')).toContain('Kept while checking.');

    // With no document given (beyond the budget), the letter is rendered: the same words.
    await pool.run({ ...task, letter: second! });
    expect(readFileSync(join(out, second!.year, `${second!.slug}.txt`), 'utf8')).toBe(expected.texts.get(`${second!.year}/${second!.slug}`));
  });

  it('on threads: the checking thread sends back every letter\'s document, and a worker prints the one it is given', { timeout: 120_000 }, async () => {
    const dir = syntheticProject(6);
    const here = await loadProject({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates') });
    const { project, documents } = await checkInThread({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates') });
    expect(project.letters.map((letter) => letter.file)).toEqual(here.letters.map((letter) => letter.file));
    // The same document, kept without its images and given back with the year's.
    for (const letter of here.letters) {
      const year = here.years.get(letter.year)!;
      expect(keptDocument(documents.take(letter.file)!, year.images)).toEqual(renderLetter(letter, year).document);
    }

    const letter = here.letters[0]!;
    const out = tempDir();
    const pool = startPool({ threads: 1, formats: ['text'], workerFile: WORKER });
    try {
      const document = marked(renderLetter(letter, here.years.get(letter.year)!).document, 'Made while checking.');
      expect(await pool.run({ letter, formats: ['text'], outDir: out, templatesDir: join(dir, 'templates'), document: serialize(withoutImages(document)) })).toMatchObject({ ok: true });
      expect(readFileSync(join(out, letter.year, `${letter.slug}.txt`), 'utf8')).toContain('Made while checking.');
    } finally {
      await pool.destroy();
    }
  });
});
