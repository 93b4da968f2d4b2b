import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { watch } from 'chokidar';

/** How long a path must be quiet before it counts as saved: an editor's save can be several writes. */
const SETTLE_MS = 10;

/**
 * chokidar drops a `change` on a path that comes within 50 ms of the one it
 * last reported, and never reports it later; so each path is looked at again
 * once that window has passed, and reported again if it is not what was seen.
 */
const RECHECK_MS = 120;

export interface InputWatcher {
  close(): Promise<void>;
}

/**
 * Watches files and folders (folders with everything below them) and calls
 * `changed` once per saved path, after its writes settle. Resolves once the
 * watcher is ready, so an edit made after it is never missed.
 */
export async function watchInputs(paths: string[], changed: (path: string) => void): Promise<InputWatcher> {
  const watcher = watch(paths, { ignoreInitial: true });
  const settling = new Map<string, NodeJS.Timeout>();
  const rechecks = new Map<string, NodeJS.Timeout>();
  /** What each path held when `changed` was last called for it. */
  const reported = new Map<string, string>();
  let closed = false;

  const report = async (path: string) => {
    reported.set(path, await contentKey(path));
    if (!closed) changed(path);
  };
  const recheck = async (path: string) => {
    rechecks.delete(path);
    if (settling.has(path) || closed) return;
    if ((await contentKey(path)) !== reported.get(path)) {
      await report(path);
      rechecks.set(path, setTimeout(() => void recheck(path), RECHECK_MS));
    }
  };

  watcher.on('all', (_event, path) => {
    clearTimeout(settling.get(path));
    settling.set(
      path,
      setTimeout(() => {
        settling.delete(path);
        void report(path);
      }, SETTLE_MS),
    );
    clearTimeout(rechecks.get(path));
    rechecks.set(path, setTimeout(() => void recheck(path), RECHECK_MS));
  });
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  // A folder that goes away, or one that cannot be read, is not a reason to stop: say so and go on watching the rest.
  watcher.on('error', (error) => process.stderr.write(`watching: ${error instanceof Error ? error.message : String(error)}\n`));
  return {
    close: async () => {
      closed = true;
      for (const timer of [...settling.values(), ...rechecks.values()]) clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** A file by its bytes (a save within one tick of the clock still differs); a folder or a missing path by what stat says. */
async function contentKey(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return `${info.isDirectory() ? 'folder' : 'other'} ${info.mtimeMs}`;
    return `file ${createHash('sha256').update(await readFile(path)).digest('hex')}`;
  } catch {
    return 'missing';
  }
}
