import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELIED_ON, versionMismatch } from '../../src/reliedOnVersions.js';
import { ROOT } from '../helpers.js';

/**
 * The packages the fast paths reach into, at the versions they were written
 * and checked against. To see this fail, change a version in
 * src/reliedOnVersions.ts (or install another: `npm install fontkit@2.0.3`).
 */

/** The folder of package `name` as code in `from` resolves it (walking up from its entry point: not every package exports its package.json). */
function packageFolder(name: string, from: string): string {
  let folder = dirname(createRequire(join(from, 'package.json')).resolve(name));
  while (!existsSync(join(folder, 'package.json')) || (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    if (dirname(folder) === folder) throw new Error(`no package.json of ${name} above its entry point`);
    folder = dirname(folder);
  }
  return folder;
}

/** Each package as the code resolves it: pdfkit through pdfmake, fontkit through pdfkit (the copy that runs). */
const running: Record<string, string> = {};
running.pdfmake = packageFolder('pdfmake', ROOT);
running.marked = packageFolder('marked', ROOT);
running.pdfkit = packageFolder('pdfkit', running.pdfmake);
running.fontkit = packageFolder('fontkit', running.pdfkit);

const versionAt = (folder: string) => (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  overrides?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };

describe.each(RELIED_ON)('$name', (reliedOn) => {
  const { name, version } = reliedOn;
  it('is installed at the version the code was written against', () => {
    const mismatch = versionMismatch(reliedOn, versionAt(running[name]!));
    if (mismatch) expect.fail(mismatch);
  });

  it('is pinned at exactly that version in package.json and the lock', () => {
    const spec = manifest.dependencies[name] ?? manifest.overrides?.[name];
    const pinned = spec === `$${name}` ? manifest.dependencies[name] : spec;
    expect(pinned, `package.json must pin ${name} at exactly ${version} (a dependency or an override), not a range`).toBe(version);
    const locked = Object.entries(lock.packages).filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
    expect(locked.map(([path, entry]) => `${path} ${entry.version}`), `package-lock.json must hold one ${name}, at ${version}`).toEqual([`node_modules/${name} ${version}`]);
  });
});

describe('a version changed by hand', () => {
  it('fails with a message naming the library, both versions and what relies on it', () => {
    const [fontkit, pdfkit, pdfmake, marked] = RELIED_ON;
    expect(versionMismatch(fontkit!, '2.0.5')).toBe(
      'the word-layout cache, the shared faces, the subset encoder and the kept glyph metrics (src/engine/) were written against fontkit 2.0.4; found 2.0.5: rerun the differential tests (test/differential/) and update src/reliedOnVersions.ts (to try the new version on the public paths first, set LETTERS_SHORTCUTS=0)',
    );
    expect(versionMismatch(pdfkit!, '0.20.0')).toContain('were written against pdfkit 0.19.1; found 0.20.0:');
    expect(versionMismatch(pdfmake!, '0.3.12')).toMatch(/^the style lookup \(src\/engine\/styleLookup\.ts\).* were written against pdfmake 0\.3\.11; found 0\.3\.12:/);
    expect(versionMismatch(marked!, '18.3.0')).toBe(
      'the caching lexer (src/engine/markupLexer.ts) was written against marked 18.2.1; found 18.3.0: rerun the differential tests (test/differential/) and update src/reliedOnVersions.ts (to try the new version on the public paths first, set LETTERS_SHORTCUTS=0)',
    );
  });

  it('says nothing when the versions agree', () => {
    for (const reliedOn of RELIED_ON) expect(versionMismatch(reliedOn, reliedOn.version)).toBeUndefined();
  });
});

describe('fontkit', () => {
  it('is one copy: the one the code runs (through PDFKit) is the one its types describe', () => {
    expect(running.fontkit).toBe(packageFolder('fontkit', ROOT));
  });
});
