/**
 * Progress of a batch, on stderr so stdout stays for the summary (and
 * `--json`). On a terminal: a bar with count, rate and time left. Elsewhere
 * (CI logs, pipes): a plain line now and then, with no control codes. No
 * colours either way, so NO_COLOR has nothing to turn off.
 */
export interface Progress {
  start(total: number): void;
  advance(): void;
  stop(): void;
}

export type ProgressStyle = 'bar' | 'lines' | 'none';

export function progressStyle(options: { quiet?: boolean; terminal: boolean }): ProgressStyle {
  if (options.quiet) return 'none';
  return options.terminal ? 'bar' : 'lines';
}

/** `verb` says what is done to each letter in the plain lines: `made 12 of 400 letters`, `sent 12 of 400 letters`. */
export async function createProgress(style: ProgressStyle, stream: NodeJS.WriteStream = process.stderr, verb = 'made'): Promise<Progress> {
  if (style === 'bar') return barProgress(stream);
  if (style === 'lines') return lineProgress(stream, verb);
  return { start() {}, advance() {}, stop() {} };
}

/** How often a plain progress line is written: often enough to show life in a CI log, rarely enough to read. */
const LINE_INTERVAL_MS = 2000;

function lineProgress(stream: NodeJS.WritableStream, verb: string): Progress {
  let total = 0;
  let done = 0;
  let started = 0;
  let lastLine = 0;
  return {
    start(count) {
      total = count;
      started = lastLine = performance.now();
    },
    advance() {
      done += 1;
      const now = performance.now();
      if (now - lastLine < LINE_INTERVAL_MS || done === total) return;
      lastLine = now;
      const rate = done / ((now - started) / 1000);
      stream.write(`${verb} ${done} of ${total} letters (${rate.toFixed(0)} a second, about ${Math.ceil((total - done) / rate)} s left)\n`);
    },
    stop() {},
  };
}

async function barProgress(stream: NodeJS.WriteStream): Promise<Progress> {
  // Loaded only for a terminal: pipes and CI never pay for it.
  const { SingleBar } = (await import('cli-progress')).default;
  const bar = new SingleBar({
    stream,
    format: '{bar} {value}/{total} letters | {rate}/s | ETA {eta_formatted}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let started = 0;
  let done = 0;
  let running = false;
  return {
    start(total) {
      started = performance.now();
      running = true;
      bar.start(total, 0, { rate: '–' });
    },
    advance() {
      done += 1;
      bar.increment(1, { rate: (done / ((performance.now() - started) / 1000)).toFixed(0) });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
