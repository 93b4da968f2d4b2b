/**
 * Points where a test can make this process fail or stop, to check that
 * what a crash, a full disk or a signal leaves behind is always whole.
 * Set by environment variables a user never sets:
 *
 * - `LETTERS_FAIL_WRITE=CODE[:TEXT]`: every file write whose path contains
 *   TEXT (all, without it) fails with that system error code (ENOSPC, EIO…).
 * - `LETTERS_STOP_AT=POINT[:SIGNAL]`: on reaching POINT (a name given to
 *   `stopPoint`), the process sends itself SIGNAL (default SIGKILL).
 */
export function injectedWriteFailure(file: string): NodeJS.ErrnoException | undefined {
  const setting = process.env.LETTERS_FAIL_WRITE;
  if (!setting) return undefined;
  const [code, text] = splitOnce(setting);
  if (text !== undefined && !file.includes(text)) return undefined;
  return Object.assign(new Error(`${code}: injected write failure, write '${file}'`), { code, path: file });
}

export async function stopPoint(point: string): Promise<void> {
  const setting = process.env.LETTERS_STOP_AT;
  if (!setting) return;
  const [name, signal = 'SIGKILL'] = splitOnce(setting);
  if (name !== point) return;
  process.kill(process.pid, signal as NodeJS.Signals);
  // A signal the process handles (SIGINT, SIGTERM) reaches its handler on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf(':');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
