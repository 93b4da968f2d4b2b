import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { independentParts, parseMarkup, parseMarkupWhole } from '../../src/markup/parse.js';
import { loadProject } from '../../src/project.js';
import { letterMarkup } from '../../src/render.js';
import { syntheticProject } from '../batch/support.js';
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

  const tricky = {
    'a loose list followed by a paragraph': '- one\n\n- two\n\nAfter the list.',
    'a numbered list after a blank line': 'Intro\n\n1. first\n2. second\n\n3. third',
    'a heading underlined, and a rule after a blank line': 'Title\n=====\n\n---\n\nText',
    'nested containers with blank lines inside': '::::group\n\n:::lead\nIn **69%** of cases\n:::\n\nMore\n\n::::\n\nAfter',
    'a table after a paragraph without a blank line': 'Figures:\n| a | b |\n| - | - |\n| 1 | 2 |\n\nEnd',
    'a block quote over a blank line': '> quoted\n\n> again\n\nplain',
    'a paragraph ended by a directive': 'Text right before\n::signature\n\nAfter',
    'blank lines of spaces and tabs': 'one\n \t \ntwo\n\n\n\nthree',
  };
  for (const [name, markup] of Object.entries(tricky)) {
    it(`gives what lexing the whole gives: ${name}`, () => {
      let whole: unknown;
      try {
        whole = parseMarkupWhole(markup);
      } catch (error) {
        whole = (error as Error).message;
      }
      let parted: unknown;
      try {
        parted = parseMarkup(markup);
      } catch (error) {
        parted = (error as Error).message;
      }
      expect(parted).toEqual(whole);
    });
  }

  it('gives what lexing the whole gives, for every shipped letter and 150 generated ones, twice over (the second time from kept parts)', async () => {
    const generated = syntheticProject(150);
    const all = [...(await markups(join(ROOT, 'data'), join(ROOT, 'templates'))), ...(await markups(join(generated, 'data'), join(generated, 'templates')))];
    expect(all.length).toBeGreaterThan(150);
    for (const markup of all) expect(independentParts(markup)!.length).toBeGreaterThan(10);
    for (const round of [1, 2]) {
      for (const markup of all) expect(parseMarkup(markup), `round ${round}`).toEqual(parseMarkupWhole(markup));
    }
  });
});
