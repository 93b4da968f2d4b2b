import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `out/<year>/sent.jsonl`: what was handed to the mail server, one JSON
 * line per event, appended and synced to disk before the next step. A
 * message is written as "sending" before the server gets it and "sent"
 * once the server accepts it, so after a kill at any moment the ledger
 * tells a letter sent from one never started and from one whose fate only
 * the mailbox knows (a "sending" with nothing after it).
 */
export const LEDGER_FILE = 'sent.jsonl';

export type LedgerState = 'sending' | 'sent' | 'failed';

export interface LedgerRecord {
  state: LedgerState;
  /** The letter's slug: its data file's name. */
  letter: string;
  authority: string;
  to: string[];
  cc: string[];
  /** sha256 of the attached PDF's bytes. */
  pdf: string;
  /** The Message-ID the message was given before it was handed over. */
  messageId: string;
  /** The server's answer: its response line, or why it failed. */
  response?: string;
  /** Addresses the server refused while accepting the others. */
  refused?: string[];
  time: string;
}

/**
 * What the ledger says of each letter: its last message that may have
 * reached anyone (sent, or handed over with no answer after it), whichever
 * came later; a letter with none, its latest record (failed). So a resend
 * that fails leaves the letter as it was before it: already sent, sent in
 * an earlier version, or unknown, never free to go again by itself. A last
 * line cut off by a kill is no record: what it would have said is as good as unsaid.
 */
export async function readLedger(dir: string): Promise<Map<string, LedgerRecord>> {
  const text = await readFile(join(dir, LEDGER_FILE), 'utf8').catch(() => '');
  const latest = new Map<string, LedgerRecord>();
  const delivered = new Map<string, { record: LedgerRecord; at: number }>();
  const open = new Map<string, { record: LedgerRecord; at: number }>();
  text.split('\n').forEach((line, at) => {
    if (line.trim() === '') return;
    let record: LedgerRecord;
    try {
      record = JSON.parse(line) as LedgerRecord;
    } catch {
      return;
    }
    if (typeof record?.letter !== 'string' || typeof record.state !== 'string') return;
    latest.set(record.letter, record);
    if (record.state === 'sending') open.set(record.messageId, { record, at });
    else open.delete(record.messageId);
    if (record.state === 'sent') delivered.set(record.letter, { record, at });
  });
  for (const entry of open.values()) {
    const sent = delivered.get(entry.record.letter);
    if (!sent || sent.at < entry.at) delivered.set(entry.record.letter, entry);
  }
  for (const [letter, entry] of delivered) latest.set(letter, entry.record);
  return latest;
}

export interface Ledger {
  append(record: Omit<LedgerRecord, 'time'>): Promise<void>;
  close(): Promise<void>;
}

export async function openLedger(dir: string): Promise<Ledger> {
  const handle = await open(join(dir, LEDGER_FILE), 'a');
  // A line cut off by a kill must not run into the next one.
  const size = (await handle.stat()).size;
  if (size > 0) {
    const last = Buffer.alloc(1);
    const reader = await open(join(dir, LEDGER_FILE), 'r');
    await reader.read(last, 0, 1, size - 1);
    await reader.close();
    if (last[0] !== 0x0a) await handle.write('\n');
  }
  return {
    async append(record) {
      await handle.write(`${JSON.stringify({ ...record, time: new Date().toISOString() })}\n`);
      await handle.sync();
    },
    close: () => handle.close(),
  };
}
