import { describe, expect, it } from 'vitest';
import { targetResults, targetsTable } from '../../bench/targets.mjs';

describe('the benchmark targets', () => {
  it('read each figure from a run and say whether it is met, and what a run did not measure', () => {
    const run = {
      peer: { oursWriter: { pdfCpuMsPerLetter: 7.5 }, pdfOursOverTypst: 2.4 },
      allBuild400: { ms: 2950, peakRssMb: 310 },
    };
    expect(targetResults(run).map((t) => [t.limit, t.measured, t.met])).toEqual([
      ['8 ms', '7.5 ms', true],
      ['2 ×', '2.4 ×', false],
      ['3000 ms', '2950 ms', true],
      ['300 MB', '310 MB', false],
      ['30 ms', undefined, undefined],
      ['60 ms', undefined, undefined],
    ]);
    expect(targetsTable(run).split('\n')[3]).toBe('| ours / Typst, PDF making in one thread (the figure this work is judged by) | 2 × | 2.4 × | no |');
    expect(targetsTable(run).split('\n')[6]).toBe('| `preview --serve`, save to page, HTML view | 30 ms | not measured |  |');
  });
});
