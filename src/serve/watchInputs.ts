import { watch } from 'chokidar';

/** How long a path must be quiet before it counts as saved: an editor's save can be several writes. */
const SETTLE_MS = 25;

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
  const timers = new Map<string, NodeJS.Timeout>();
  watcher.on('all', (_event, path) => {
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => {
        timers.delete(path);
        changed(path);
      }, SETTLE_MS),
    );
  });
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  // A folder that goes away, or one that cannot be read, is not a reason to stop: say so and go on watching the rest.
  watcher.on('error', (error) => process.stderr.write(`watching: ${error instanceof Error ? error.message : String(error)}\n`));
  return {
    close: async () => {
      for (const timer of timers.values()) clearTimeout(timer);
      await watcher.close();
    },
  };
}
