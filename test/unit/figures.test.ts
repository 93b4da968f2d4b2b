import { describe, expect, it } from 'vitest';
import { formatNumber, formatRate, indefiniteArticle, longDate, numberWord, PER_100000, per100000, percent, plural, shortDate, total, upholdRate2018 } from '../../src/compute/figures.js';

describe('percent (whole percent, rounded half up)', () => {
  it.each([
    [9, 12, 75], // Knowsley 2020 upheld
    [3, 9, 33], // Knowsley 2020 remedies of upheld
    [4, 4, 100], // equal counts
    [0, 5, 0],
    [1, 1, 100],
    [1, 8, 13], // 12.5 rounds up
    [1, 3, 33],
    [2, 3, 67],
    [1, 200, 1], // 0.5 rounds up
    [199, 200, 100], // 99.5 rounds up
  ])('%i of %i is %i%%', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('gives no rate when there is nothing to divide by', () => {
    expect(percent(0, 0)).toBeNull();
  });
});

describe('upheld decisions per 100,000 residents (one decimal place, rounded half up)', () => {
  // Worked by hand: upheld ÷ population × 100,000, then to one decimal place, a 5 in the second place rounding up.
  it.each([
    [30, 553_078, 5.4, '5.4'], // 30 ÷ 553,078 × 100,000 = 5.424…
    [4, 100_000, 4, '4.0'], // exactly 4: still written with its decimal place
    [45, 123_456, 36.5, '36.5'], // 36.450…
    [3, 2_000_000, 0.2, '0.2'], // exactly 0.15: half up (0.15 × 10 in floating point is 1.4999…, which would round down)
    [1, 2_000_000, 0.1, '0.1'], // exactly 0.05
    [0, 5_000, 0, '0.0'],
  ])('%i upheld of %i residents is %s', (upheld, population, rate, written) => {
    expect(per100000(upheld, population)).toBe(rate);
    expect(formatRate(per100000(upheld, population)!, PER_100000)).toBe(written);
  });

  it('gives no figure for a population of 0 (nothing to divide by)', () => {
    expect(per100000(3, 0)).toBeNull();
  });
});

describe('2018 tables', () => {
  it('uphold rate is upheld of upheld plus not upheld: Sefton 12 and 9 give 57%', () => {
    expect(upholdRate2018(12, 9)).toBe(57);
    expect(upholdRate2018(0, 0)).toBeNull();
  });

  it('totals are the sum of their parts: Sefton received 59 and decided 63', () => {
    expect(total({ a: 19, b: 6, c: 6, d: 14, e: 2, f: 4, g: 1, h: 6, i: 1 })).toBe(59);
    expect(total({ a: 4, b: 0, c: 24, d: 14, e: 9, f: 12 })).toBe(63);
    expect(total({})).toBe(0);
  });
});

describe('words', () => {
  it.each([
    [0, 'zero'],
    [1, 'one'],
    [3, 'three'],
    [10, 'ten'],
    [11, '11'],
    [1400, '1,400'],
  ])('%i in running text is "%s"', (n, expected) => {
    expect(numberWord(n)).toBe(expected);
  });

  it('formats thousands with commas', () => {
    expect(formatNumber(1700)).toBe('1,700');
    expect(formatNumber(118)).toBe('118');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(-1400)).toBe('-1,400');
    expect(formatNumber(1400.5)).toBe('1,400.5');
  });

  it('uses the singular only for exactly one', () => {
    expect(plural(1, 'course')).toBe('course');
    expect(plural(0, 'course')).toBe('courses');
    expect(plural(3, 'course')).toBe('courses');
    expect(plural(1, 'was', 'were')).toBe('was');
    expect(plural(2, 'was', 'were')).toBe('were');
  });

  it('chooses "a" or "an" by the first letter', () => {
    expect(indefiniteArticle("children's social care complaint handling")).toBe('a');
    expect(indefiniteArticle('online complaint handling')).toBe('an');
    expect(indefiniteArticle('introductory')).toBe('an');
    expect(indefiniteArticle('8-hour')).toBe('an');
  });

  it('writes dates as the letters do', () => {
    expect(longDate('2020-07-22')).toBe('22 July 2020');
    expect(longDate('2019-04-01')).toBe('1 April 2019');
    expect(shortDate('2018-03-31')).toBe('31/03/2018');
    expect(() => longDate('22/07/2020')).toThrow('not an ISO date: 22/07/2020');
  });
});
