import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../src/batch/manifest.js';
import { removeGone } from '../../src/batch/removeGone.js';
import { tempDir } from '../helpers.js';

const entry = (...names: string[]): ManifestEntry => ({ inputs: 'x', files: names.map((name) => ({ name, sha256: '0'.repeat(64), bytes: 1 })), warnings: [] });

describe('removeGone', () => {
  it('removes the recorded files and the entries of the slugs not present, keeping the rest', async () => {
    const dir = tempDir({ 'a.txt': 'a', 'a.pdf': 'a', 'b.txt': 'b', 'other.txt': 'mine' });
    const manifest = new Map([['a', entry('a.txt', 'a.pdf')], ['b', entry('b.txt')]]);
    expect(await removeGone(dir, manifest, new Set(['b']))).toEqual(['a']);
    expect([...manifest.keys()]).toEqual(['b']);
    expect(['a.txt', 'a.pdf', 'b.txt', 'other.txt'].map((name) => existsSync(join(dir, name)))).toEqual([false, false, true, true]);
  });

  it('finishes a removal a killed run left half done: an entry whose files are already gone', async () => {
    const dir = tempDir({ 'a.pdf': 'a' });
    const manifest = new Map([['a', entry('a.txt', 'a.pdf')]]);
    expect(await removeGone(dir, manifest, new Set())).toEqual(['a']);
    expect(manifest.size).toBe(0);
    expect(existsSync(join(dir, 'a.pdf'))).toBe(false);
  });

  it('never removes a recorded name that is not a plain file name in the folder', async () => {
    const root = tempDir({ 'year/x.txt': 'x', 'precious.txt': 'keep' });
    writeFileSync(join(root, 'year', 'y.txt'), 'y');
    const manifest = new Map([['x', entry('x.txt', '../precious.txt', '..', 'sub/y.txt')]]);
    expect(await removeGone(join(root, 'year'), manifest, new Set())).toEqual(['x']);
    expect([existsSync(join(root, 'year/x.txt')), existsSync(join(root, 'precious.txt')), existsSync(join(root, 'year'))]).toEqual([false, true, true]);
  });
});
