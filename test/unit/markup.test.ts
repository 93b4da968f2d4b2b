import { describe, expect, it } from 'vitest';
import { MarkupError, parseMarkup } from '../../src/markup/parse.js';
import { escapeMarkup, escapeStrings } from '../../src/template/escape.js';
import { writeText } from '../../src/writers/text.js';

describe('parseMarkup', () => {
  it('turns paragraphs, breaks, bold and links into the document tree', () => {
    expect(parseMarkup('Mr Harden\\\nChief Executive\n\nSee **75%** at [the map](https://www.lgo.org.uk/map).')).toEqual([
      {
        name: 'letter',
        blocks: [
          { type: 'paragraph', children: [{ type: 'text', value: 'Mr Harden' }, { type: 'break' }, { type: 'text', value: 'Chief Executive' }] },
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: 'See ' },
              { type: 'strong', children: [{ type: 'text', value: '75%' }] },
              { type: 'text', value: ' at ' },
              { type: 'link', url: 'https://www.lgo.org.uk/map', children: [{ type: 'text', value: 'the map' }] },
              { type: 'text', value: '.' },
            ],
          },
        ],
      },
    ]);
  });

  it('makes bare web and e-mail addresses real links', () => {
    const [section] = parseMarkup('visit www.lgo.org.uk/training or training@lgo.org.uk.');
    const links = JSON.stringify(section);
    expect(links).toContain('"url":"http://www.lgo.org.uk/training"');
    expect(links).toContain('"url":"mailto:training@lgo.org.uk"');
  });

  it('starts a new section at ::section and styles containers', () => {
    const sections = parseMarkup('Dear Mr Blake\n\n::section statistics\n\n:::figure\n**9**\\\nupheld decisions\n:::\n');
    expect(sections.map((s) => s.name)).toEqual(['letter', 'statistics']);
    expect(sections[1]!.blocks[0]).toMatchObject({ type: 'paragraph', style: 'figure' });
  });

  it('merges empty header cells into the group heading on their left', () => {
    const [section] = parseMarkup(':::table header-rows=2\n| Decisions made | | Other |\n| - | - | - |\n| A | B | C |\n| 1 | 2 | 3 |\n:::\n');
    const table = section!.blocks[0]!;
    expect(table.type === 'table' && table.rows[0]!.map((cell) => cell.colSpan)).toEqual([2, 1]);
    expect(table.type === 'table' && table.headerRows).toBe(2);
  });

  it.each([
    ['<b>raw</b>\n', 'a letter cannot contain raw HTML: "<b>"'],
    ['![logo](logo.png)\n', 'a letter cannot contain an image: "![logo](logo.png)"'],
    [':::fancy\ntext\n:::\n', 'unknown block style ":::fancy" (expected table, columns, column or one of letterhead, date, address, title, signoff, figure, lead, small, notes)'],
    ['::section appendix\n', 'unknown section "appendix" (expected one of letter, statistics, tables)'],
    ['[x](javascript:alert(1))\n', 'link "javascript:alert(1)" is not an http(s) or mailto address'],
    // marked makes an autolink inside link text; the letter refuses it rather than nest links.
    ['[see <https://www.lgo.org.uk>](https://x.org)\n', 'a link cannot contain another link: "<https://www.lgo.org.uk>"'],
    ['[**<https://www.lgo.org.uk>**](https://x.org)\n', 'a link cannot contain another link: "<https://www.lgo.org.uk>"'],
  ])('refuses %j', (markup, message) => {
    expect(() => parseMarkup(markup)).toThrow(new MarkupError(message));
  });
});

describe('escaping data for the markup', () => {
  it.each([
    ['*A* [B](c)'],
    ['Telford & Wrekin Council'],
    ["King's Lynn & West Norfolk"],
    ['_under_ `code` <b>x</b> ::section statistics'],
    ['# Not a heading'],
    ['1. Not a list'],
  ])('%j renders exactly as written', (name) => {
    const text = writeText({ meta: {} as never, sections: parseMarkup(`Dear ${escapeMarkup(name)}\n`) });
    expect(text).toBe(`Dear ${name}\n`);
  });

  it('escapes every string in a model but leaves numbers and null alone', () => {
    expect(escapeStrings({ name: 'A*B', n: 3, none: null, list: ['[x]'] })).toEqual({ name: 'A\\*B', n: 3, none: null, list: ['\\[x\\]'] });
  });
});
