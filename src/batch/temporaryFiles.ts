import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `writeFileAtomic` writes `<file>.<pid>.<random>.tmp` and renames it; a run
 * killed between the two (SIGKILL, power cut) leaves that file behind. A new
 * run removes the ones whose process is gone, so the output folder ends up
 * as clean as after a run that was never interrupted.
 */
const TEMPORARY = /\.(\d+)\.[a-z0-9]*\.tmp$/;

export async function removeAbandonedTemporaryFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(join(dir, name), { force: true });
  }
}

export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
