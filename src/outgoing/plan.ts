import type { LedgerRecord } from './ledger.js';
import type { Readiness } from './readyLetters.js';

/** What a run does with each letter, decided from its readiness and the ledger before anything is sent. */
export type Planned =
  | { action: 'send'; letter: Extract<Readiness, { ready: true }> }
  | { action: 'already sent'; letter: Extract<Readiness, { ready: true }>; record: LedgerRecord }
  | { action: 'sent an earlier version'; letter: Extract<Readiness, { ready: true }>; record: LedgerRecord }
  | { action: 'unknown'; letter: Extract<Readiness, { ready: true }>; record: LedgerRecord }
  | { action: 'not ready'; letter: Extract<Readiness, { ready: false }> };

export interface PlanOptions {
  /** Slugs to send again whatever the ledger says (`--resend`). */
  resend: Set<string>;
  /** A test run (`--to`): the ledger is neither read nor written. */
  test: boolean;
}

/**
 * A letter goes out unless the ledger shows it went already: sent with the
 * same PDF (already sent), sent with another (an earlier version: only
 * `--resend` sends the new one), or handed to the server with no answer
 * recorded (unknown: only the mailbox can say, and only `--resend` sends it).
 * A failure recorded is a letter not sent: it is tried again.
 */
export function planSending(letters: Readiness[], ledger: Map<string, LedgerRecord>, options: PlanOptions): Planned[] {
  return letters.map((letter): Planned => {
    if (!letter.ready) return { action: 'not ready', letter };
    const record = ledger.get(letter.slug);
    if (options.test || options.resend.has(letter.slug) || !record || record.state === 'failed') return { action: 'send', letter };
    if (record.state === 'sending') return { action: 'unknown', letter, record };
    return record.pdf === letter.files.get('pdf')!.sha256 ? { action: 'already sent', letter, record } : { action: 'sent an earlier version', letter, record };
  });
}
