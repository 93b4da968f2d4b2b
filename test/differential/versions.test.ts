import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELIED_ON } from '../../src/reliedOnVersions.js';
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

describe.each(RELIED_ON)('$name', ({ name, version, what }) => {
  it('is installed at the version the code was written against', () => {
    const found = versionAt(running[name]!);
    if (found !== version) {
      expect.fail(`${what} ${what.includes(' and ') ? 'were' : 'was'} written against ${name} ${version}; found ${found}: rerun the differential tests (test/differential/) and update src/reliedOnVersions.ts`);
    }
  });

  it('is pinned at exactly that version in package.json and the lock', () => {
    const spec = manifest.dependencies[name] ?? manifest.overrides?.[name];
    const pinned = spec === `$${name}` ? manifest.dependencies[name] : spec;
    expect(pinned, `package.json must pin ${name} at exactly ${version} (a dependency or an override), not a range`).toBe(version);
    const locked = Object.entries(lock.packages).filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
    expect(locked.map(([path, entry]) => `${path} ${entry.version}`), `package-lock.json must hold one ${name}, at ${version}`).toEqual([`node_modules/${name} ${version}`]);
  });
});

describe('fontkit', () => {
  it('is one copy: the one the code runs (through PDFKit) is the one its types describe', () => {
    expect(running.fontkit).toBe(packageFolder('fontkit', ROOT));
  });
});
