import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLetter, formatHunk } from '../../src/diff/diffLetter.js';
import { listReferenceLetters } from '../../src/diff/referenceLetters.js';
import { loadProject } from '../../src/project.js';
import { renderLetter } from '../../src/render.js';
import type { Inline, LetterDocument } from '../../src/document/types.js';
import { ROOT } from '../helpers.js';

const sourcesDir = join(ROOT, 'test/fixtures/published');
const project = await loadProject({ dataDir: join(ROOT, 'data'), templatesDir: join(ROOT, 'templates') });
const references = await listReferenceLetters(sourcesDir);

function documentFor(year: string, slug: string): LetterDocument {
  const letter = project.letters.find((l) => l.year === year && l.slug === slug)!;
  return renderLetter(letter, project.years.get(year)!).document;
}

describe('the published letters', () => {
  it('are the five shipped references, each with its data file', () => {
    expect(references.map((r) => `${r.year}/${r.slug}`)).toEqual([
      '2018/sefton-metropolitan-borough-council',
      '2020/knowsley-metropolitan-borough-council',
      '2020/liverpool-city-council',
      '2020/worcester-city-council',
      '2024/liverpool-city-region-combined-authority',
    ]);
    expect(project.problems).toEqual([]);
  });

  it.each(references.map((r) => [r.file.slice(sourcesDir.length + 1), r] as const))('%s: every word matches', async (_name, reference) => {
    const result = await diffLetter(reference, documentFor(reference.year, reference.slug));
    expect(result.differences.map((hunk) => formatHunk(reference.file, hunk))).toEqual([]);
    expect(result.staleExpectations).toEqual([]);
  });
});

/** Replaces the first occurrence of `from` in any text run of the document. */
function mutate(document: LetterDocument, from: string, to: string): LetterDocument {
  const copy: LetterDocument = structuredClone(document);
  let done = false;
  const visit = (node: unknown): void => {
    if (done || node === null || typeof node !== 'object') return;
    const inline = node as Inline;
    if (inline.type === 'text' && inline.value.includes(from)) {
      inline.value = inline.value.replace(from, to);
      done = true;
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(copy);
  return copy;
}

describe('a changed word is caught', () => {
  const knowsley = references.find((r) => r.slug === 'knowsley-metropolitan-borough-council')!;
  const published = readFileSync(knowsley.file, 'utf8').split('\n');

  it('in the letter body, with the source line', async () => {
    const document = mutate(documentFor('2020', knowsley.slug), 'well-established and successful', 'well-established and popular');
    const result = await diffLetter(knowsley, document);
    const line = published.findIndex((text) => text.includes('well-established and successful')) + 1;
    expect(result.differences.map((hunk) => formatHunk('knowsley.txt', hunk))).toEqual([`knowsley.txt:${line}  letter  [-successful-]{+popular+}`]);
  });

  it('on the statistics page', async () => {
    const document = mutate(documentFor('2020', knowsley.slug), 'upheld decisions', 'upheld complaints');
    const result = await diffLetter(knowsley, document);
    const line = published.findIndex((text) => text === 'upheld decisions') + 1;
    expect(result.differences.map((hunk) => formatHunk('knowsley.txt', hunk))).toEqual([`knowsley.txt:${line}  statistics  [-decisions-]{+complaints+}`]);
  });

  it('in the 2018 tables, where a figure changes', async () => {
    const sefton = references.find((r) => r.year === '2018')!;
    const document = mutate(documentFor('2018', sefton.slug), '57%', '58%');
    const result = await diffLetter(sefton, document);
    expect(result.differences.map((hunk) => `${hunk.section} ${hunk.published[0]?.text} → ${hunk.rendered[0]?.text}`)).toEqual(['tables 57% → 58%']);
  });
});
