import { describe, expect, it } from 'vitest';
import { lexMarkup, lexMarkupPlain, parseMarkup } from '../../src/markup/parse.js';
import { seededRandom, type Random } from '../validation/fuzz/random.js';
import { meaning, shape } from './support.js';

/**
 * The caching lexer (src/markup/parse.ts and src/engine/markupLexer.ts: letters lexed part by part, each
 * part and each inline run lexed once and replayed after) against a fresh
 * marked lexer on the whole markup, on seeded generated markup: links,
 * autolinks, reference definitions, emphasis across parts, HTML, lists and
 * tables in any order, the same runs of text in and out of links.
 *
 * To see it fail: make `outsideLinks()` in parse.ts return true (a run
 * remembered outside a link is replayed inside one: a link inside a link),
 * or drop its `isEmpty(this.tokens.links)` (a run remembered before a
 * reference definition is replayed after it) or its `inRawBlock` check (a
 * run remembered outside `<pre>` is replayed inside it), or make
 * `independentParts` cut after a list (CONTINUATION matching nothing).
 * (Its `linkEmitted` checks cannot be seen from outside: marked reads that
 * flag only while lexing a link's text, where nothing is replayed.)
 */

/** Inline pieces, few enough that every one recurs in and out of links, emphasis and cells. */
const RUNS = [
  'www.lgo.org.uk',
  'see www.lgo.org.uk today',
  'https://www.lgo.org.uk/decisions',
  'complaints@lgo.org.uk',
  'plain words',
  'the Ombudsman',
  'Telford & Wrekin',
  '69%',
  '[ref]',
  '[the map][ref]',
];

function inline(random: Random, depth = 0): string {
  const run = random.pick(RUNS);
  if (depth > 1) return run;
  switch (random.below(12)) {
    case 0:
      return `**${inline(random, depth + 1)}**`;
    case 1:
      return `*${inline(random, depth + 1)}*`;
    case 2:
      return `_${run}_`;
    case 3:
      return `[${inline(random, depth + 1)}](https://x.org/${random.below(3)})`;
    case 4:
      return `<https://www.lgo.org.uk/${random.below(3)}>`;
    case 5:
      return `<b>${run}</b>`;
    case 6:
      return `<a href="https://x.org">${run}</a>`;
    case 7:
      return `\\*${run}`;
    case 8:
      return `<pre>${run}</pre>`;
    default:
      return run;
  }
}

function sentence(random: Random): string {
  return Array.from({ length: 1 + random.below(3) }, () => inline(random)).join(' ');
}

/** Blocks, some opening emphasis one part and closing it in a later one. */
function block(random: Random): string {
  switch (random.below(12)) {
    case 0:
      return `- ${sentence(random)}\n- ${sentence(random)}`;
    case 1:
      return `1. ${sentence(random)}\n2. ${sentence(random)}`;
    case 2:
      return `| ${inline(random)} | ${inline(random)} |\n| - | - |\n| ${inline(random)} | ${inline(random)} |`;
    case 3:
      return '[ref]: https://ref.example.org/';
    case 4:
      return `<div>\n${sentence(random)}\n</div>`;
    case 5:
      return `# ${sentence(random)}`;
    case 6:
      return `*${sentence(random)}`;
    case 7:
      return `${sentence(random)}*`;
    case 8:
      return `:::lead\n${sentence(random)}\n:::`;
    case 9:
      return `  ${sentence(random)}`;
    default:
      return sentence(random);
  }
}

function markupOf(random: Random): string {
  const blocks = Array.from({ length: 2 + random.below(7) }, () => block(random));
  return blocks.reduce((markup, next) => `${markup}${random.below(5) === 0 ? '\n' : '\n\n'}${next}`);
}

describe('the caching lexer gives what marked gives', () => {
  it('for the link text that is also an autolink in a part before it (no link inside a link)', () => {
    const markup = 'www.lgo.org.uk\n\n[www.lgo.org.uk](https://x.org)';
    for (const round of [1, 2]) {
      const tokens = lexMarkup(markup);
      expect(shape(tokens), `round ${round}`).toBe('paragraph[link[text]] paragraph[link[text]]');
      expect(meaning(tokens), `round ${round}`).toEqual(meaning(lexMarkupPlain(markup)));
    }
    expect(JSON.stringify(parseMarkup(markup))).toBe(
      JSON.stringify([
        {
          name: 'letter',
          blocks: [
            { type: 'paragraph', children: [{ type: 'link', url: 'http://www.lgo.org.uk', children: [{ type: 'text', value: 'www.lgo.org.uk' }] }] },
            { type: 'paragraph', children: [{ type: 'link', url: 'https://x.org', children: [{ type: 'text', value: 'www.lgo.org.uk' }] }] },
          ],
        },
      ]),
    );
  });

  it('for a reference used before its definition appears in a later letter', () => {
    const before = 'See [the map][ref] and [ref].';
    expect(shape(lexMarkup(before))).toBe('paragraph[text]');
    const after = `${before}\n\n[ref]: https://ref.example.org/`;
    expect(shape(lexMarkup(after))).toBe('paragraph[text link[text] text link[text] text] def');
    expect(meaning(lexMarkup(after))).toEqual(meaning(lexMarkupPlain(after)));
  });

  it('for 400 generated markups, each lexed twice (the second time from what was kept)', () => {
    const random = seededRandom(14);
    const markups = Array.from({ length: 400 }, () => markupOf(random));
    // The generator reaches every construct it names.
    const seen = new Set(markups.flatMap((markup) => shape(lexMarkupPlain(markup)).split(/[\s[\]]+/)));
    for (const type of ['paragraph', 'list', 'list_item', 'table', 'def', 'html', 'heading', 'directive', 'link', 'strong', 'em', 'escape']) expect(seen, type).toContain(type);
    for (const round of [1, 2]) {
      for (const markup of markups) expect(meaning(lexMarkup(markup)), `round ${round}:\n${markup}`).toEqual(meaning(lexMarkupPlain(markup)));
    }
  }, 120_000);
});
