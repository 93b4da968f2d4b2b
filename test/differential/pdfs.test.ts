import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { writeSyntheticSet } from '../../bench/syntheticSet.mjs';
import { letterPdfs, sha256 } from '../../scripts/letterPdfs.mjs';
import { ROOT, tempDir } from '../helpers.js';

/**
 * Every shortcut that keeps the bytes at once, end to end: the PDFs
 * `letters build` writes with LETTERS_SHORTCUTS=exact (its worker threads,
 * shared faces, kept word layouts, subset encoder, style lookup, lexed parts
 * and runs) against those made with none of them (bench/naive.mjs
 * --plain-markup), byte for byte, for every shipped letter and a seeded
 * sample of generated ones; and the shipped letters' PDFs, as the build
 * writes them with every shortcut, against the hashes committed in
 * test/fixtures/pdf-hashes.json. What the one shortcut that changes the
 * bytes keeps is checked in shortcuts.test.ts.
 *
 * These run the built command: `npm test` builds first (after a change to
 * src/, run `npm run build` before running this file alone).
 *
 * To see it fail: in src/engine/sharedFace.ts, stop `SharedFormat` emptying the glyph
 * cache (`_glyphs`) when a document opens a face, then `npm run build`: every
 * letter differs from the plain libraries' and from its known bytes. A
 * change of layout (a style in styles.ts) fails the known bytes alone.
 */

// Each side builds its PDFs in a process of its own; slow on a busy machine, and nothing here is timed.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const generated = tempDir();
writeSyntheticSet(generated, { count: 36, seed: 14 });

const projects = { shipped: ROOT, generated };
const made: Record<string, { all: Map<string, Buffer>; exact: Map<string, Buffer>; none: Map<string, Buffer> }> = {};

beforeAll(async () => {
  for (const [name, dir] of Object.entries(projects)) {
    const [all, exact, none] = await Promise.all([letterPdfs(dir, { shortcuts: true }), letterPdfs(dir, { shortcuts: 'exact' }), letterPdfs(dir, { shortcuts: false })]);
    made[name] = { all, exact, none };
  }
});

describe.each(Object.keys(projects))('%s letters', (name) => {
  it('have the same bytes made with every shortcut that keeps them as with none', () => {
    const { all, exact, none } = made[name]!;
    expect(exact.size).toBeGreaterThanOrEqual(name === 'shipped' ? 5 : 36);
    expect([...exact.keys()]).toEqual([...none.keys()]);
    const differ = [...exact].filter(([letter, bytes]) => !bytes.equals(none.get(letter)!)).map(([letter]) => letter);
    expect(differ, 'letters whose PDF differs between the build (LETTERS_SHORTCUTS=exact) and the plain libraries').toEqual([]);
    // The line text shortcut is on by default, and writes fewer bytes.
    expect([...all.keys()]).toEqual([...none.keys()]);
    for (const [letter, bytes] of all) expect(bytes.length, letter).toBeLessThan(none.get(letter)!.length);
  });
});

describe('known bytes', () => {
  it('each shipped letter’s PDF has the sha256 committed in test/fixtures/pdf-hashes.json', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/pdf-hashes.json'), 'utf8')) as Record<string, string>;
    const found = Object.fromEntries([...made.shipped!.all].map(([letter, bytes]) => [letter, sha256(bytes)]));
    const changed = Object.keys({ ...committed, ...found })
      .filter((letter) => committed[letter] !== found[letter])
      .map((letter) => `${letter}: committed ${committed[letter] ?? '(none)'}, made ${found[letter] ?? '(none)'}`);
    if (changed.length > 0) {
      expect.fail(
        `the PDFs of ${changed.length} shipped letter(s) are not the bytes committed in test/fixtures/pdf-hashes.json:\n${changed.join('\n')}\n` +
          'If the change is intended (a dependency update, a change of layout or wording), run `npm run pdf-hashes` and commit the file with the reason; otherwise it is a bug.',
      );
    }
  });
});
