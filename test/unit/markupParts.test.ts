import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { independentParts, lexMarkup, lexMarkupPlain, parseMarkup, parseMarkupWhole } from '../../src/markup/parse.js';
import { loadProject } from '../../src/project.js';
import { letterMarkup } from '../../src/render.js';
import { syntheticProject } from '../batch/support.js';
import { meaning, shape } from '../differential/support.js';
import { ROOT } from '../helpers.js';

/** Every letter's markup in a project folder. */
async function markups(dataDir: string, templatesDir: string): Promise<string[]> {
  const project = await loadProject({ dataDir, templatesDir });
  expect(project.problems).toEqual([]);
  return project.letters.map((letter) => letterMarkup(letter, project.years.get(letter.year)!).markup);
}

describe('markup lexed part by part', () => {
  it('cuts at blank lines, keeping list items, indented lines and containers with what they may continue', () => {
    const markup = [
      'Dear Ms Kaur',
      '# A heading',
      'A paragraph\nover two lines.',
      '- one\n- two',
      '- three, the same list after a blank line',
      '    indented: part of the item above',
      ':::columns\n:::column\nLeft',
      'still left\n:::\n:::column\nRight\n:::\n:::',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '::section statistics',
      'The end.',
    ].join('\n\n');
    expect(independentParts(markup)).toEqual([
      'Dear Ms Kaur',
      '# A heading',
      'A paragraph\nover two lines.\n\n- one\n- two\n\n- three, the same list after a blank line\n\n    indented: part of the item above',
      ':::columns\n:::column\nLeft\n\nstill left\n:::\n:::column\nRight\n:::\n:::',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '::section statistics',
      'The end.',
    ]);
  });

  it('keeps several blank lines, and blank lines of spaces, as they were', () => {
    expect(independentParts('one\n\n\n\ntwo\n  \t\nthree\n\n')).toEqual(['one', 'two', 'three', '']);
    expect(independentParts('- a\n\n \n- b')).toEqual(['- a\n\n \n- b']);
  });

  it('does not cut markup with fences, HTML blocks or link definitions, which reach across blank lines', () => {
    expect(independentParts('a\n\n```\ncode\n\nmore\n```')).toBeUndefined();
    expect(independentParts('a\n\n<div>\n\nb\n</div>')).toBeUndefined();
    expect(independentParts('See [the map][map].\n\n[map]: https://www.lgo.org.uk/map')).toBeUndefined();
  });

  /**
   * Markup where cutting at blank lines could go wrong, each with the tokens
   * marked makes of it (so each reaches the construct it names); lexed part
   * by part, it must give marked's tokens and, where a letter may hold it,
   * the same document. To see one fail: make CONTINUATION in parse.ts match
   * nothing (a list is cut after a blank line), or drop the container
   * tracking in `independentParts`.
   */
  const tricky: { name: string; markup: string; tokens: string }[] = [
    { name: 'a loose list followed by a paragraph', markup: '- one\n\n- two\n\nAfter the list.', tokens: 'list[list_item[paragraph[text]] list_item[paragraph[text]]] paragraph[text]' },
    { name: 'a numbered list continued after a blank line', markup: 'Intro\n\n1. first\n2. second\n\n3. third', tokens: 'paragraph[text] list[list_item[paragraph[text]] list_item[paragraph[text]] list_item[paragraph[text]]]' },
    { name: 'a list item continued by an indented paragraph', markup: 'Intro\n\n- one\n\n    more of one\n\n- two', tokens: 'paragraph[text] list[list_item[paragraph[text] paragraph[text]] list_item[paragraph[text]]]' },
    { name: 'a heading underlined, then a paragraph', markup: 'Title\n=====\n\nText', tokens: 'heading[text] paragraph[text]' },
    { name: 'a rule after a blank line', markup: 'Text\n\n---\n\nMore', tokens: 'paragraph[text] hr paragraph[text]' },
    { name: 'nested containers with blank lines inside', markup: '::::group\n\n:::lead\nIn **69%** of cases\n:::\n\nMore\n\n::::\n\nAfter', tokens: 'directive[directive[paragraph[text strong[text] text]] paragraph[text]] paragraph[text]' },
    { name: 'a table after a paragraph without a blank line', markup: 'Figures:\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nEnd', tokens: 'paragraph[text] table paragraph[text]' },
    { name: 'a block quote over a blank line', markup: '> quoted\n\n> again\n\nplain', tokens: 'blockquote[paragraph[text]] blockquote[paragraph[text]] paragraph[text]' },
    { name: 'a paragraph ended by a directive', markup: 'Text right before\n::signature\n\nAfter', tokens: 'paragraph[text] directive paragraph[text]' },
    { name: 'blank lines of spaces and tabs', markup: 'one\n \t \ntwo\n\n\n\nthree', tokens: 'paragraph[text] paragraph[text] paragraph[text]' },
    { name: 'emphasis opened in one part and closed in the next', markup: '*one\n\ntwo*', tokens: 'paragraph[text] paragraph[text]' },
  ];
  for (const { name, markup, tokens } of tricky) {
    it(`gives what lexing the whole gives: ${name}`, () => {
      const plain = lexMarkupPlain(markup);
      expect(shape(plain)).toBe(tokens);
      expect(meaning(lexMarkup(markup))).toEqual(meaning(plain));
      const whole = outcome(() => parseMarkupWhole(markup));
      expect(outcome(() => parseMarkup(markup))).toEqual(whole);
    });
  }

  it('gives what lexing the whole gives, for every shipped letter and 150 generated ones, twice over (the second time from kept parts)', async () => {
    const generated = syntheticProject(150);
    const all = [...(await markups(join(ROOT, 'data'), join(ROOT, 'templates'))), ...(await markups(join(generated, 'data'), join(generated, 'templates')))];
    expect(all.length).toBeGreaterThan(150);
    for (const markup of all) expect(independentParts(markup)!.length).toBeGreaterThan(10);
    for (const round of [1, 2]) {
      for (const markup of all) {
        expect(meaning(lexMarkup(markup)), `round ${round}`).toEqual(meaning(lexMarkupPlain(markup)));
        expect(parseMarkup(markup), `round ${round}`).toEqual(parseMarkupWhole(markup));
      }
    }
    // Generating and loading 150 letters is slow on a busy machine; nothing here is timed.
  }, 120_000);
});

/** What a function gives, or the message it throws. */
function outcome(make: () => unknown): unknown {
  try {
    return make();
  } catch (error) {
    return (error as Error).message;
  }
}
