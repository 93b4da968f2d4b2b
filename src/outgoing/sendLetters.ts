import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { Progress } from '../batch/progress.js';
import { yearDir } from '../batch/outputPath.js';
import { writeFileAtomic } from '../output/atomicWrite.js';
import type { YearConfig } from '../validate/schema.js';
import { composeMessage, type ComposedMessage } from './compose.js';
import type { RenderCovering } from './coveringMessage.js';
import { openLedger, type Ledger } from './ledger.js';
import type { Planned } from './plan.js';
import { deliver, type Delivery, type Refusal } from './smtpDelivery.js';
import type { SmtpServer } from './smtpUrl.js';

export type SendMode = { kind: 'dry-run' } | { kind: 'test'; to: string; server: SmtpServer } | { kind: 'send'; server: SmtpServer };

export type OutcomeStatus = 'sent' | 'written' | 'already sent' | 'sent an earlier version' | 'unknown' | 'not sent' | 'failed' | 'not started';

export interface Outcome {
  letter: string;
  file: string;
  authority?: string;
  status: OutcomeStatus;
  /** Why, for every status but sent, written and already sent; what the server said otherwise. */
  detail?: string;
  messageId?: string;
  to?: string[];
  cc?: string[];
  /** Addresses the server refused while it accepted the message for the others. */
  refused?: { address: string; response: string }[];
}

export interface SendOptions {
  planned: Planned[];
  year: string;
  email: NonNullable<YearConfig['email']>;
  covering: RenderCovering;
  outDir: string;
  mode: SendMode;
  /** At most this many messages a minute. */
  rate: number;
  /** The waits before each further try after a temporary failure (default RETRY_DELAYS_MS). */
  retryDelays?: number[];
  /** Aborted on Ctrl-C: no new message is started, the one in the server's hands is finished. */
  signal: AbortSignal;
  progress: Progress;
}

/** Waits before another try after a temporary failure: a few tries, further apart each time. */
export const RETRY_DELAYS_MS = [1000, 3000];

/** The folder --dry-run writes each message into, as an .eml file. */
export const MAIL_FOLDER = 'mail';

/**
 * Sends (or, with --dry-run, writes) each planned letter, one at a time and
 * at most `rate` a minute. In a real run every message is in the ledger as
 * "sending" before the server is given it and "sent" (or "failed") once it
 * answers; a message lost after its bytes went out stays "sending": unknown.
 */
export async function sendLetters(options: SendOptions): Promise<Outcome[]> {
  const { mode } = options;
  const dir = yearDir(options.outDir, options.year);
  const ledger = mode.kind === 'send' ? await openLedger(dir) : undefined;
  const interval = 60_000 / options.rate;
  let lastStart: number | undefined;
  let stopWhy: string | undefined;
  const outcomes: Outcome[] = [];
  options.progress.start(options.planned.filter((item) => item.action === 'send').length);
  try {
    for (const item of options.planned) {
      const base = { letter: item.letter.slug, file: item.letter.file, authority: item.letter.letter?.record.authority.name };
      if (item.action === 'not ready') {
        outcomes.push({ ...base, status: 'not sent', detail: item.letter.reason });
        continue;
      }
      if (item.action !== 'send') {
        const { record } = item;
        const detail = item.action === 'unknown' ? `handed to the server at ${record.time} with no answer recorded (message ${record.messageId})` : `at ${record.time} (message ${record.messageId})`;
        outcomes.push({ ...base, status: item.action, detail, messageId: record.messageId, to: record.to, cc: record.cc });
        continue;
      }
      if (options.signal.aborted || stopWhy !== undefined) {
        outcomes.push({ ...base, status: 'not started', detail: stopWhy ?? 'the run was stopped' });
        continue;
      }
      if (mode.kind !== 'dry-run' && lastStart !== undefined) await sleep(Math.max(0, lastStart + interval - performance.now()), undefined, { signal: options.signal }).catch(() => {});
      if (options.signal.aborted) {
        outcomes.push({ ...base, status: 'not started', detail: 'the run was stopped' });
        continue;
      }
      lastStart = performance.now();
      const ready = item.letter;
      const message = await composeMessage(ready.letter, ready.files.get('pdf')!, options.covering(ready.letter), options.email, { testTo: mode.kind === 'test' ? mode.to : undefined });
      const sent = { ...base, messageId: message.messageId, to: message.to, cc: message.cc };
      if (mode.kind === 'dry-run') {
        await writeFileAtomic(join(dir, MAIL_FOLDER, `${ready.slug}.eml`), message.raw);
        outcomes.push({ ...sent, status: 'written', detail: join(options.outDir, options.year, MAIL_FOLDER, `${ready.slug}.eml`) });
      } else {
        const outcome = await handOver(mode.server, message, ready.slug, ready.files.get('pdf')!.sha256, ready.letter.record.authority.name, ledger, options.retryDelays ?? RETRY_DELAYS_MS, options.signal);
        outcomes.push({ ...sent, ...outcome.result });
        if (outcome.fatal) stopWhy = `not tried after: ${outcome.result.detail}`;
      }
      options.progress.advance();
    }
  } finally {
    options.progress.stop();
    await ledger?.close();
  }
  return outcomes;
}

async function handOver(
  server: SmtpServer,
  message: ComposedMessage,
  slug: string,
  pdf: string,
  authority: string,
  ledger: Ledger | undefined,
  retryDelays: number[],
  signal: AbortSignal,
): Promise<{ result: Pick<Outcome, 'status' | 'detail' | 'refused'>; fatal: boolean }> {
  const record = { letter: slug, authority, to: message.to, cc: message.cc, pdf, messageId: message.messageId };
  await ledger?.append({ state: 'sending', ...record });
  const { delivery, tries } = await withRetries(() => deliver(server, message), retryDelays, signal);
  if (delivery.outcome === 'sent') {
    const refused = await retryRefused(server, message, delivery.refused, retryDelays, signal);
    const addresses = refused.map((entry) => entry.address);
    await ledger?.append({ state: 'sent', ...record, response: delivery.response, ...(addresses.length > 0 ? { refused: addresses } : {}) });
    const shown = refused.map((entry) => ({ address: entry.address, response: entry.response }));
    return { result: { status: 'sent', detail: delivery.response, ...(shown.length > 0 ? { refused: shown } : {}) }, fatal: false };
  }
  // Unknown stays "sending" in the ledger: only the mailbox can tell whether it arrived.
  if (delivery.outcome === 'unknown') return { result: { status: 'unknown', detail: `the connection was lost after the message was handed over: ${delivery.response}` }, fatal: false };
  await ledger?.append({ state: 'failed', ...record, response: delivery.response });
  const after = delivery.outcome === 'temporary' && tries > 1 ? ` (after ${tries} tries)` : '';
  return { result: { status: 'failed', detail: `${delivery.response}${after}` }, fatal: delivery.outcome === 'fatal' };
}

/** Tries again after each delay while the failure is temporary (a 4xx, a connection lost before the message went) and the run is not stopped. */
async function withRetries(attempt: () => Promise<Delivery>, delays: number[], signal: AbortSignal): Promise<{ delivery: Delivery; tries: number }> {
  let delivery = await attempt();
  let tries = 1;
  for (const delay of delays) {
    if (delivery.outcome !== 'temporary' || signal.aborted) break;
    await sleep(delay, undefined, { signal }).catch(() => {});
    if (signal.aborted) break;
    delivery = await attempt();
    tries += 1;
  }
  return { delivery, tries };
}

/**
 * The addresses a server refused for now (4xx) while it took the message
 * for the others are tried again on their own, as a whole message would
 * be: the same bytes, to them alone, so nobody who has it gets it twice.
 * What is left is refused for good, or still refused after the tries.
 */
async function retryRefused(server: SmtpServer, message: ComposedMessage, refused: Refusal[], delays: number[], signal: AbortSignal): Promise<Refusal[]> {
  let left = refused;
  let tries = 1;
  for (const delay of delays) {
    const again = left.filter((entry) => entry.temporary);
    if (again.length === 0 || signal.aborted) break;
    await sleep(delay, undefined, { signal }).catch(() => {});
    if (signal.aborted) break;
    tries += 1;
    const kept = left.filter((entry) => !entry.temporary);
    const retry = await deliver(server, message, again.map((entry) => entry.address));
    if (retry.outcome === 'sent') left = [...kept, ...retry.refused];
    // Lost after the bytes went: it may have reached them; not tried again, as with a whole message.
    else left = [...kept, ...again.map((entry) => ({ ...entry, response: retry.outcome === 'unknown' ? `unknown: check the mailbox: ${retry.response}` : retry.response, temporary: retry.outcome === 'temporary' }))];
  }
  return left.map((entry) => (entry.temporary && tries > 1 ? { ...entry, response: `${entry.response} (after ${tries} tries)` } : entry));
}
