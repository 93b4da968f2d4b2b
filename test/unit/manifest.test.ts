import { describe, expect, it } from 'vitest';
import { serialiseManifest, type ManifestEntry } from '../../src/batch/manifest.js';

const entry = (inputs: string, warnings: ManifestEntry['warnings'] = []): ManifestEntry => ({
  inputs,
  files: [
    { name: 'b.txt', sha256: 'ab'.repeat(32), bytes: 5893 },
    { name: 'b.pdf', sha256: 'cd'.repeat(32), bytes: 48211, pages: 3 },
  ],
  warnings,
});

describe('serialiseManifest', () => {
  it('writes exactly what JSON.stringify with two-space indents writes, entries and files sorted by name', () => {
    const warning = { severity: 'warning' as const, file: 'data/2020/"quoted"\nname.yaml', line: 3, column: 1, field: 'statistics', message: 'no statistics: the letter is made without its statistics page' };
    const entries = new Map([
      ['worcester', entry('1'.repeat(64))],
      ['knowsley', entry('2'.repeat(64), [warning])],
    ]);
    const files = { 'b.pdf': { sha256: 'cd'.repeat(32), bytes: 48211, pages: 3 }, 'b.txt': { sha256: 'ab'.repeat(32), bytes: 5893 } };
    const expected = {
      tool: '0.1.0',
      year: '2020',
      letters: {
        knowsley: { inputs: '2'.repeat(64), files, warnings: [warning] },
        worcester: { inputs: '1'.repeat(64), files, warnings: [] },
      },
    };
    const text = serialiseManifest('0.1.0', '2020', entries).toString('utf8');
    expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    // Made again from the kept entry texts: the same bytes.
    expect(serialiseManifest('0.1.0', '2020', entries).toString('utf8')).toBe(text);
  });

  it('writes an empty manifest as JSON.stringify does', () => {
    expect(serialiseManifest('0.1.0', '2018', new Map()).toString('utf8')).toBe(`${JSON.stringify({ tool: '0.1.0', year: '2018', letters: {} }, null, 2)}\n`);
  });
});
