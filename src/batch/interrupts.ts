/**
 * Ctrl-C (SIGINT) and SIGTERM during a batch: rather than dying with files
 * half-written, the run stops starting letters, finishes the ones in progress
 * (each takes well under a second), saves the manifests, and exits with the
 * shell's code for the signal. The handlers are then removed, so a second
 * signal ends the process at once, should a letter ever hang; the next run
 * removes any temporary file that leaves behind.
 */
export interface Interrupts {
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM; undefined when none came. */
  readonly exitCode: number | undefined;
  dispose(): void;
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function watchInterrupts(onStopping: () => void): Interrupts {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const dispose = () => {
    for (const name of Object.keys(EXIT_CODES)) process.off(name, handler);
  };
  const handler = (name: keyof typeof EXIT_CODES) => {
    exitCode = EXIT_CODES[name];
    dispose();
    controller.abort();
    onStopping();
  };
  for (const name of Object.keys(EXIT_CODES)) process.on(name, handler);
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose,
  };
}
