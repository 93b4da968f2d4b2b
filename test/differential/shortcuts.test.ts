import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeSyntheticSet } from '../../bench/syntheticSet.mjs';
import { pdfsIn } from '../../scripts/letterPdfs.mjs';
import { startPool } from '../../src/batch/pool.js';
import { CLI, ROOT, spawnForTest, tempDir } from '../helpers.js';
import { startPageDrawer, type PageDrawer } from '../pdf/drawPages.js';
import { readTags, type Element } from '../pdf/readTags.js';

/**
 * The shortcuts layer (src/engine/) switched on and off: the same letters
 * built by `letters build --format pdf` in processes of their own, with
 * LETTERS_SHORTCUTS unset (every shortcut), `exact` (those designed to give
 * the public path's bytes) and `0` (none). With the exact ones the bytes
 * must be those of the public path. With every one, the line text
 * (src/engine/lineText.ts) and the stream pieces (streamChunks.ts) change
 * the bytes by design, so what a reader gets is compared: every page drawn to pixels by pdf.js in headless
 * Chromium, the text and links of each page, and the structure tree. Each
 * side must be deterministic: the same bytes on a rerun, and for a letter
 * made alone as in a batch.
 *
 * These run the built command: `npm test` builds first (after a change to
 * src/, run `npm run build` before running this file alone).
 *
 * To see it fail: in src/engine/sharedFace.ts, stop `SharedFormat` emptying
 * the glyph cache (`_glyphs`), then `npm run build` (the bytes differ); or in
 * src/engine/lineText.ts, let `follows` skip its `endsWithSpace(last)` test
 * (words cut at a hyphen are laid out as one, and pages draw differently).
 */

// Each side builds in a process of its own; slow on a busy machine, and nothing here is timed.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const SHIPPED = ['2018/sefton-metropolitan-borough-council', '2020/knowsley-metropolitan-borough-council', '2020/liverpool-city-council', '2020/worcester-city-council', '2024/liverpool-city-region-combined-authority'];

// Kept for the whole file (tempDir's folders go after each test).
const generated = mkdtempSync(join(tmpdir(), 'letters-shortcuts-set-'));
writeSyntheticSet(generated, { count: 24, seed: 21 });
afterAll(async () => {
  rmSync(generated, { recursive: true, force: true });
  await drawer?.close();
});

type Pdfs = Map<string, Buffer>;
/** The sides compared: LETTERS_SHORTCUTS unset, `exact` and `0`. */
type Side = 'all' | 'exact' | 'off';
const SWITCH_VALUE: Record<Side, string | undefined> = { all: undefined, exact: 'exact', off: '0' };

/** Runs `letters build --format pdf` into a new folder and returns its PDFs by `<year>/<slug>`. */
async function build(projectDir: string, { shortcuts, args = [] }: { shortcuts: Side; args?: string[] }): Promise<Pdfs> {
  const out = mkdtempSync(join(tmpdir(), 'letters-shortcuts-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.LETTERS_SHORTCUTS;
  if (SWITCH_VALUE[shortcuts] !== undefined) env.LETTERS_SHORTCUTS = SWITCH_VALUE[shortcuts];
  const command = [CLI, 'build', '--format', 'pdf', '--force', '--quiet', '--data', join(projectDir, 'data'), '--templates', join(projectDir, 'templates'), '--out', out, ...args];
  const child = spawnForTest(process.execPath, command, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const code = await new Promise<number | null>((done) => child.once('close', (exitCode) => done(exitCode)));
    if (code !== 0) throw new Error(`letters ${command.slice(1).join(' ')} (LETTERS_SHORTCUTS=${env.LETTERS_SHORTCUTS ?? 'unset'}) exited ${code}:\n${output}`);
    return pdfsIn(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What pdf.js reads on each page: its text, and its links' addresses and rectangles. */
async function pages(pdf: Buffer): Promise<{ text: string; links: { url: string; rect: number[] }[] }[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const read: { text: string; links: { url: string; rect: number[] }[] }[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const annotations = (await page.getAnnotations()) as { subtype: string; url?: string; rect: number[] }[];
    read.push({
      text: content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
      links: annotations.filter((annotation) => annotation.subtype === 'Link').map((annotation) => ({ url: String(annotation.url), rect: annotation.rect })),
    });
  }
  await document.destroy();
  return read;
}

/** The structure tree as a reader meets it, without object numbers (a shortcut may number objects otherwise). */
function outline(element: Element): unknown {
  return {
    role: element.role,
    attributes: element.attributes,
    text: element.text,
    alt: element.alt,
    painted: element.painted,
    links: element.annotations.length,
    children: element.children.map(outline),
  };
}

/** What an assistive technology gets of a letter: the structure tree, the links with what they say and the element that owns each, and the text outside any tag. */
async function tagged(pdf: Buffer): Promise<{ structure: unknown; links: unknown[]; unmarked: string[][]; actualTexts: string[] }> {
  const tags = await readTags(pdf);
  return {
    structure: tags.roots.map(outline),
    links: tags.links.map(({ url, contents, owner }) => ({ url, contents, owner })),
    unmarked: tags.unmarked,
    actualTexts: [...tags.actualTexts.values()],
  };
}

const projects = { shipped: ROOT, generated };
const made: Record<string, Record<Side, Pdfs>> = {};

let drawer: PageDrawer;
beforeAll(async () => {
  drawer = await startPageDrawer();
  for (const [name, dir] of Object.entries(projects)) {
    const [all, exact, off] = await Promise.all((['all', 'exact', 'off'] as const).map((shortcuts) => build(dir, { shortcuts })));
    made[name] = { all: all!, exact: exact!, off: off! };
  }
});

describe.each(Object.keys(projects))('%s letters, shortcuts on and off', (name) => {
  it('are the same letters, with the same bytes with the exact shortcuts as with none', () => {
    const { all, exact, off } = made[name]!;
    if (name === 'shipped') expect([...all.keys()]).toEqual(SHIPPED);
    else expect(all.size).toBe(24);
    expect([...exact.keys()]).toEqual([...all.keys()]);
    expect([...off.keys()]).toEqual([...all.keys()]);
    const differ = [...exact].filter(([letter, bytes]) => !bytes.equals(off.get(letter)!)).map(([letter]) => letter);
    expect(differ, 'letters whose PDF differs between LETTERS_SHORTCUTS=exact and =0').toEqual([]);
  });

  it('have other bytes with every shortcut, by design: fewer text objects', () => {
    const { all, off } = made[name]!;
    for (const [letter, bytes] of all) {
      expect(bytes.equals(off.get(letter)!), `${letter} has the public path's bytes`).toBe(false);
      expect(bytes.length, letter).toBeLessThan(off.get(letter)!.length);
    }
  });

  it('each letter: the same text and links on each page, and the same structure tree, link owners and tagging', async () => {
    const { all, off } = made[name]!;
    for (const [letter, bytes] of all) {
      const read = await pages(bytes);
      expect(read[0]!.text, letter).toContain('Dear ');
      expect(await pages(off.get(letter)!), `${letter}: text or links differ`).toEqual(read);
      const tags = await tagged(bytes);
      expect(tags.links.length, letter).toBeGreaterThan(0);
      expect(tags.unmarked.flat(), letter).toEqual([]);
      expect(await tagged(off.get(letter)!), `${letter}: tagging differs`).toEqual(tags);
    }
  });

  it('each letter: every page draws to the same pixels', async () => {
    const { all, off } = made[name]!;
    for (const [letter, bytes] of all) {
      const on = await drawer.draw(bytes);
      const plain = await drawer.draw(off.get(letter)!);
      expect(on.length, letter).toBeGreaterThanOrEqual(2);
      expect(plain.length, letter).toBe(on.length);
      on.forEach((page, index) => expect(page.equals(plain[index]!), `page ${index + 1} of ${letter} draws differently`).toBe(true));
    }
  });
});

describe.each(['all', 'off'] as const)('with LETTERS_SHORTCUTS as for %s', (side) => {
  it('a rerun in one thread gives every letter the bytes of the first build', async () => {
    const again = await build(ROOT, { shortcuts: side, args: ['--jobs', '1'] });
    expect([...again.keys()]).toEqual(SHIPPED);
    for (const [letter, bytes] of again) expect(bytes.equals(made.shipped![side].get(letter)!), `${letter} differs on a rerun`).toBe(true);
  });

  it('a letter made alone has the bytes it has in the batch', async () => {
    const last = [...made.generated![side].keys()].at(-1)!;
    const [year, slug] = last.split('/') as [string, string];
    const alone = await build(generated, { shortcuts: side, args: ['--year', year, '--authority', slug, '--jobs', '1'] });
    const [[letter, bytes]] = [...alone] as [[string, Buffer]];
    expect(letter).toBe(last);
    expect(bytes.equals(made.generated![side].get(letter)!)).toBe(true);
  });
});

describe('the switch', () => {
  it('reaches the worker threads of a batch, which install no shortcut when it is 0, and all but the line text and the stream pieces when it is exact', async () => {
    const saved = process.env.LETTERS_SHORTCUTS;
    const seen: Record<string, unknown> = {};
    try {
      for (const value of ['0', 'exact', undefined]) {
        if (value === undefined) delete process.env.LETTERS_SHORTCUTS;
        else process.env.LETTERS_SHORTCUTS = value;
        const pool = startPool({ threads: 1, formats: [], workerFile: new URL('./fixtures/switchWorker.cjs', import.meta.url) });
        try {
          seen[value ?? 'unset'] = await pool.run({} as never);
        } finally {
          await pool.destroy();
        }
      }
    } finally {
      if (saved === undefined) delete process.env.LETTERS_SHORTCUTS;
      else process.env.LETTERS_SHORTCUTS = saved;
    }
    expect(seen).toEqual({
      0: { mode: 'off', sharedFaces: false, styleLookup: false, lineText: false, streamChunks: false },
      exact: { mode: 'exact', sharedFaces: true, styleLookup: true, lineText: false, streamChunks: false },
      unset: { mode: 'all', sharedFaces: true, styleLookup: true, lineText: true, streamChunks: true },
    });
  });

  it('takes 0, 1 or exact only, and says so before any letter is made', () => {
    const result = spawnSync(process.execPath, [CLI, 'build', '--format', 'pdf', '--out', tempDir()], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LETTERS_SHORTCUTS: 'off' } });
    expect(result.stderr).toBe('error: LETTERS_SHORTCUTS must be 0 (shortcuts off), 1 (on, the default) or exact (only those that keep the bytes), not "off"\n');
    expect(result.status).toBe(2);
  });
});
