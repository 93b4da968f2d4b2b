import { describe, expect, it } from 'vitest';
import { makeProject, problemLines, shipped } from './support.js';

/**
 * Every rule of src/validate/consistency.ts at its boundary: each stated
 * rate agreeing with its counts and off by one either way, in every year
 * that has it; a rate stated where its counts divide by zero; each "at most"
 * rule at equality and one over. The counts are chosen so that two of the
 * rates fall on a half (12.5% → 13, 62.5% → 63), where rounding decides.
 */

interface Counts {
  investigations: number;
  upheld: number;
  satisfactory_remedies: number;
  outcomes: number;
  complied: number;
}

/** A data file of an outcomes year, counts in block form so each has a line of its own, plus `more` lines inside `statistics`. */
function outcomesFile(counts: Counts, more: string[] = []): string {
  return [
    'authority:',
    '  name: Test District Council',
    '  type: district',
    'recipient:',
    '  title: Mr',
    '  surname: Smith',
    '  role: Chief Executive',
    'statistics:',
    `  investigations: ${counts.investigations}`,
    `  upheld: ${counts.upheld}`,
    `  satisfactory_remedies: ${counts.satisfactory_remedies}`,
    '  compliance:',
    `    outcomes: ${counts.outcomes}`,
    `    complied: ${counts.complied}`,
    ...more.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/** `line:col` of the value of the first `key:` in `text`, as messages give it. */
function at(text: string, key: string): string {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
  if (line < 0) throw new Error(`test setup: no ${key} in the file`);
  return `${line + 1}:${lines[line]!.indexOf(`${key}:`) + key.length + 3}`;
}

/** The only error lines of a project holding just `text` as `data/<year>/test.yaml`. */
async function errorsOf(year: string, text: string): Promise<string[]> {
  return problemLines(makeProject({ [`data/${year}/test.yaml`]: text }));
}

const counts: Counts = { investigations: 16, upheld: 8, satisfactory_remedies: 1, outcomes: 8, complied: 5 };

const rates = [
  { key: 'upheld_rate', computed: 50, formula: 'upheld ÷ investigations', zero: { investigations: 0, upheld: 0, satisfactory_remedies: 0 } },
  { key: 'compliance_rate', computed: 63, formula: 'complied ÷ outcomes', zero: { outcomes: 0, complied: 0 } },
  { key: 'remedy_rate', computed: 13, formula: 'satisfactory_remedies ÷ upheld', zero: { upheld: 0, satisfactory_remedies: 0 } },
];

describe.each(['2020', '2024'])('%s letters', (year) => {
  const D = `data/${year}/test.yaml`;

  it('accept the counts with no rates stated, and with every rate stated as computed', async () => {
    expect(await errorsOf(year, outcomesFile(counts))).toEqual([]);
    expect(await errorsOf(year, outcomesFile(counts, rates.map(({ key, computed }) => `${key}: ${computed}`)))).toEqual([]);
  });

  describe.each(rates)('$key', ({ key, computed, formula, zero }) => {
    it.each([computed - 1, computed + 1])(`stated as %i, one off ${computed}, is refused`, async (given) => {
      const text = outcomesFile(counts, [`${key}: ${given}`]);
      expect(await errorsOf(year, text)).toEqual([
        `${D}:${at(text, key)}  statistics.${key}  is given as ${given}% but the counts give ${computed}% (${formula}, rounded half up): expected ${computed}, or leave it out`,
      ]);
    });

    it('stated where its counts divide by zero is refused', async () => {
      const text = outcomesFile({ ...counts, ...zero }, [`${key}: 0`]);
      expect(await errorsOf(year, text)).toEqual([`${D}:${at(text, key)}  statistics.${key}  is given as 0% but no rate can be computed (${formula} divides by 0): leave it out`]);
    });
  });

  const limits = [
    { key: 'upheld', name: 'investigations', path: 'statistics.upheld', set: (n: number) => ({ investigations: n, upheld: n, satisfactory_remedies: 0 }), over: (n: number) => ({ investigations: n, upheld: n + 1 }) },
    { key: 'satisfactory_remedies', name: 'upheld', path: 'statistics.satisfactory_remedies', set: (n: number) => ({ upheld: n, satisfactory_remedies: n }), over: (n: number) => ({ upheld: n, satisfactory_remedies: n + 1 }) },
    { key: 'complied', name: 'outcomes', path: 'statistics.compliance.complied', set: (n: number) => ({ outcomes: n, complied: n }), over: (n: number) => ({ outcomes: n, complied: n + 1 }) },
  ];

  describe.each(limits)('$path at most $name', ({ key, name, path, set, over }) => {
    it('is accepted at equality (0 and 8)', async () => {
      for (const n of [0, 8]) expect(await errorsOf(year, outcomesFile({ ...counts, investigations: 16, ...set(n) })), `${n}`).toEqual([]);
    });

    it('is refused one over', async () => {
      const text = outcomesFile({ ...counts, investigations: 16, ...over(8) });
      expect(await errorsOf(year, text)).toEqual([`${D}:${at(text, key)}  ${path}  is 9, more than ${name} (8): expected at most 8`]);
    });
  });
});

describe('2018 letters: decisions.uphold_rate', () => {
  const D = 'data/2018/test.yaml';
  const sefton = shipped('2018/sefton-metropolitan-borough-council.yaml');
  /** Sefton's file with these decisions and a stated uphold rate. */
  const file = (upheld: number, notUpheld: number, rate: number) => {
    const text = sefton.replace('    not_upheld: 9\n    upheld: 12\n', `    not_upheld: ${notUpheld}\n    upheld: ${upheld}\n    uphold_rate: ${rate}\n`);
    if (text === sefton) throw new Error('test setup: the shipped 2018 file no longer holds its decisions');
    return text;
  };

  it('is accepted as computed, rounded half up (12 of 21 is 57.1%, 1 of 8 is 12.5%)', async () => {
    expect(await errorsOf('2018', file(12, 9, 57))).toEqual([]);
    expect(await errorsOf('2018', file(1, 7, 13))).toEqual([]);
  });

  it.each([[12, 9, 56, 57], [12, 9, 58, 57], [1, 7, 12, 13], [1, 7, 14, 13]])('upheld %i, not upheld %i, stated as %i is refused (computed %i)', async (upheld, notUpheld, given, computed) => {
    const text = file(upheld, notUpheld, given);
    expect(await errorsOf('2018', text)).toEqual([
      `${D}:${at(text, 'uphold_rate')}  statistics.decisions.uphold_rate  is given as ${given}% but the counts give ${computed}% (upheld ÷ (upheld + not_upheld), rounded half up): expected ${computed}, or leave it out`,
    ]);
  });

  it('stated where there were no detailed investigations is refused', async () => {
    const text = file(0, 0, 0);
    expect(await errorsOf('2018', text)).toEqual([
      `${D}:${at(text, 'uphold_rate')}  statistics.decisions.uphold_rate  is given as 0% but no rate can be computed (upheld ÷ (upheld + not_upheld) divides by 0): leave it out`,
    ]);
  });
});
