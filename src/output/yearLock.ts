import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { LettersError } from '../errors.js';
import { isRunning } from '../batch/temporaryFiles.js';
import { fileError, withConsequence } from './ioError.js';

/**
 * A year's data folder (`data/2020`: import, new-year) or output folder
 * (`out/2020`: build, send) is changed by one command at a time. The lock
 * is `proper-lockfile`'s folder beside the year's (`data/.2020.lock`),
 * holding the process id and command of its owner; a second command exits
 * 1 naming them. A lock whose process is gone (killed) is taken over at
 * once; one whose owner stopped refreshing it (a hung or crashed machine)
 * is taken over by proper-lockfile when stale.
 */
export type LockKind = 'data' | 'output';

export interface YearLock {
  release(): Promise<void>;
}

const OWNER_FILE = 'owner';
const STALE_MS = 30_000;

export async function lockYear(kind: LockKind, dir: string): Promise<YearLock> {
  const lockPath = join(dirname(dir), `.${basename(dir)}.lock`);
  await mkdir(dirname(dir), { recursive: true }).catch((error) => {
    throw withConsequence(fileError(error, 'make the folder of', dir), 'nothing changed');
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      const release = await lockfile.lock(dir, { lockfilePath: lockPath, realpath: false, stale: STALE_MS, retries: 0, onCompromised: () => {} });
      await writeFile(join(lockPath, OWNER_FILE), `${process.pid} letters ${process.argv[2] ?? ''}\n`);
      return {
        // proper-lockfile removes its folder only when empty.
        release: async () => {
          await rm(join(lockPath, OWNER_FILE), { force: true });
          await release().catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw withConsequence(fileError(error, 'lock', dir), 'nothing changed');
      const owner = await readFile(join(lockPath, OWNER_FILE), 'utf8').catch(() => '');
      const [pid = '', ...command] = owner.trim().split(' ');
      // No owner yet: it is being written this moment, or its process was killed before it could be.
      const leftOver = pid === '' ? attempt >= 20 : !isRunning(Number(pid));
      if (attempt < 40 && (pid === '' || leftOver)) {
        if (leftOver) await rm(lockPath, { recursive: true, force: true });
        else await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const what = kind === 'data' ? 'data' : 'output';
      throw new LettersError(`the ${what} folder ${dir} is being written by another command (process ${pid}, \`${command.join(' ')}\`): nothing changed; try again when it has finished (lock: ${lockPath})`);
    }
  }
}
