import { describe, expect, it } from 'vitest';
import { warningLines, WARNINGS_LISTED } from '../../src/commands/report.js';
import type { Problem } from '../../src/errors.js';

const noStatistics = (file: string): Problem => ({ severity: 'warning', file, field: 'statistics', message: 'no statistics: the letter is made without its statistics page' });
const noAverage = (file: string, type: string): Problem => ({
  severity: 'warning',
  file,
  field: 'authority.type',
  message: `the year has no averages for ${type}: the "compares to an average" lines are left out`,
});

describe('warnings after a build', () => {
  it('are listed one per line, sorted by file, when there are few', () => {
    expect(warningLines([noStatistics('data/2020/worcester.yaml'), noStatistics('data/2020/liverpool.yaml')])).toEqual([
      'data/2020/liverpool.yaml  statistics  warning: no statistics: the letter is made without its statistics page',
      'data/2020/worcester.yaml  statistics  warning: no statistics: the letter is made without its statistics page',
    ]);
  });

  it('are grouped by what they say when there are many, naming the first file and counting the rest', () => {
    const many = [
      ...Array.from({ length: WARNINGS_LISTED }, (_, i) => noStatistics(`data/2018/body-${String(i).padStart(2, '0')}.yaml`)),
      noAverage('data/2020/b.yaml', 'county'),
      noAverage('data/2020/a.yaml', 'county'),
      noAverage('data/2020/c.yaml', 'district'),
    ];
    expect(warningLines(many)).toEqual([
      'data/2018/body-00.yaml  statistics  warning: no statistics: the letter is made without its statistics page (and 9 more files)',
      'data/2020/a.yaml  authority.type  warning: the year has no averages for county: the "compares to an average" lines are left out (and 1 more file)',
      'data/2020/c.yaml  authority.type  warning: the year has no averages for district: the "compares to an average" lines are left out',
      '13 warnings (`letters list` shows each)',
    ]);
  });
});
