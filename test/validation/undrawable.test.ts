import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawableCheck } from '../../src/validate/drawable.js';
import { loadFonts } from '../../src/writers/pdf/fonts.js';
import { ROOT, runCli, tempProject } from '../helpers.js';

const KNOWSLEY = readFileSync(join(ROOT, 'data/2020/knowsley-metropolitan-borough-council.yaml'), 'utf8');

/** What the font cannot draw, as a careless or hostile user would write it. */
const UNDRAWABLE = KNOWSLEY.replace('title: Mr', 'title: "Mr\uFE0F"')
  .replace('surname: Harden', 'surname: Harden 🙂')
  .replace('role: Chief Executive', 'role: Chief\u3164Executive')
  .replace("kind: children's social care complaint handling", "kind: \"\\U000E0041children's social care complaint handling\"");

const MESSAGE = 'a character the letter font cannot draw (an emoji, a symbol, an invisible or a non-Latin character): remove or replace it';

describe('characters the letter font cannot draw', { timeout: 60_000 }, () => {
  it('are refused by validate, at file:line:col, so a year that validates builds', () => {
    const dir = tempProject({ '2020/knowsley.yaml': UNDRAWABLE });
    const result = runCli(['validate', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      [
        `data/2020/knowsley.yaml:6:10  recipient.title  holds U+FE0F (after "Mr"), ${MESSAGE}`,
        `data/2020/knowsley.yaml:7:12  recipient.surname  holds U+1F642 (after "Harden "), ${MESSAGE}`,
        `data/2020/knowsley.yaml:8:9  recipient.role  holds U+3164 (after "Chief"), ${MESSAGE}`,
        `data/2020/knowsley.yaml:11:9  training.kind  holds U+E0041 (at the start), ${MESSAGE}`,
        '4 problems in 1 file',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    const build = runCli(['build', '--year', '2020', '--out', 'out'], dir);
    expect(build.stderr).toContain(`data/2020/knowsley.yaml:7:12  recipient.surname  holds U+1F642 (after "Harden "), ${MESSAGE}\n`);
    expect(build.code).toBe(1);
  });

  it('are refused by import, at the cell', () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY });
    writeFileSync(
      join(dir, 'stats.csv'),
      'Authority,Authority type,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied,Recipient surname,Recipient role\n' +
        'Knowsley Metropolitan Borough Council,Metropolitan Borough,12,9,3,4,4,Harden 😀,Chief \u{E0041}\u{E007F}Executive\n',
    );
    const before = readFileSync(join(dir, 'data/2020/knowsley.yaml'), 'utf8');
    const result = runCli(['import', 'stats.csv', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      [
        `stats.csv:2:8  recipient.surname  holds U+1F600 (after "Harden "), ${MESSAGE}`,
        `stats.csv:2:9  recipient.role  holds U+E0041 (after "Chief "), ${MESSAGE}`,
        '2 problems',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'data/2020/knowsley.yaml'), 'utf8')).toBe(before);
  });

  it('are found by the check the PDF writer uses, which draws all of printable ASCII (validation reads no font for it)', async () => {
    const fonts = await loadFonts();
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(fonts.missingCharacter(ascii)).toBeUndefined();
    expect(fonts.missingCharacter('Knowsley ☃ Council')).toBe('☃');
    const check = drawableCheck(Object.values(fonts.faces).map((face) => face.font));
    expect(check('King’s Lynn — Ynys Môn, Łódź')).toBeUndefined();
    expect(check('Chief\u3164Executive')).toBe('\u3164');
  });
});
