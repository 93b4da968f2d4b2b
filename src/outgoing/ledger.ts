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

/** Each letter's latest record. A last line cut off by a kill is no record: what it would have said is as good as unsaid. */
export async function readLedger(dir: string): Promise<Map<string, LedgerRecord>> {
  const text = await readFile(join(dir, LEDGER_FILE), 'utf8').catch(() => '');
  const latest = new Map<string, LedgerRecord>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: LedgerRecord;
    try {
      record = JSON.parse(line) as LedgerRecord;
    } catch {
      continue;
    }
    if (typeof record?.letter === 'string' && typeof record.state === 'string') latest.set(record.letter, record);
  }
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
