import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isRunning } from '../batch/temporaryFiles.js';
import { LettersError } from '../errors.js';
import { makeFoldersAtomic, pathExists } from '../output/atomicFolders.js';
import { syncFolder, writeDurably } from '../output/atomicWrite.js';
import { fileError } from '../output/ioError.js';

/** Marks a folder as a site `letters publish` wrote, so publishing again may replace it and nothing else. */
export const SITE_MARK = '.letters-site';
const SITE_MARK_TEXT = 'written by letters publish: publishing again replaces this folder\n';

/**
 * Writes the site whole or not at all: every file goes into a new folder
 * beside the target (flushed to the disk), which then takes the target's
 * place; a site published before is moved aside first and removed after,
 * so a reader finds the old site or the new one, never a mixture. A folder
 * that is not a site published before is never replaced.
 */
export async function writeSite(site: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  await finishInterrupted(site);
  if ((await pathExists(site)) && (await readFile(join(site, SITE_MARK), 'utf8').catch(() => undefined)) !== SITE_MARK_TEXT) {
    throw new LettersError(`${site} exists and is not a site \`letters publish\` wrote: give another --site, or remove it`);
  }
  await mkdir(dirname(site), { recursive: true }).catch((error) => {
    throw fileError(error, 'make the folder of', site);
  });
  const staged = join(dirname(site), `.${basename(site)}.${process.pid}.new`);
  await rm(staged, { recursive: true, force: true });
  await makeFoldersAtomic([staged], async (temporary) => {
    const dir = temporary.get(staged)!;
    for (const [path, data] of [...files, [SITE_MARK, SITE_MARK_TEXT] as const]) {
      const file = join(dir, path);
      await mkdir(dirname(file), { recursive: true });
      await writeDurably(file, data, join(site, path));
    }
  });
  const old = join(dirname(site), `.${basename(site)}.${process.pid}.old`);
  const replacing = await pathExists(site);
  try {
    if (replacing) await rename(site, old);
    await rename(staged, site);
  } catch (error) {
    if (replacing && !(await pathExists(site)) && (await pathExists(old))) await rename(old, site);
    await rm(staged, { recursive: true, force: true });
    throw fileError(error, 'rename into place', site);
  }
  await syncFolder(dirname(site));
  if (replacing) await rm(old, { recursive: true, force: true });
}

/**
 * What a publish killed on the way left beside the site: a new site not yet
 * in place is removed; an old one moved aside, with no site in its place,
 * is put back (the site is then as it was before that run).
 */
async function finishInterrupted(site: string): Promise<void> {
  const prefix = `.${basename(site)}.`;
  for (const name of await readdir(dirname(site)).catch(() => [] as string[])) {
    const match = name.startsWith(prefix) ? /^(\d+)\.(new|old)$/.exec(name.slice(prefix.length)) : null;
    if (!match || isRunning(Number(match[1]))) continue;
    const path = join(dirname(site), name);
    if (match[2] === 'old' && !(await pathExists(site))) await rename(path, site);
    else await rm(path, { recursive: true, force: true });
  }
}
