import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLedger } from '../../src/outgoing/ledger.js';
import { tempDir } from '../helpers.js';

const line = (state: string, letter: string, messageId: string, pdf = 'a') => JSON.stringify({ state, letter, authority: letter, to: [], cc: [], pdf, messageId, time: '2026-07-01T09:00:00.000Z' });

async function stateOf(lines: string[]): Promise<Record<string, [string, string]>> {
  const dir = tempDir({ 'sent.jsonl': lines.join('\n') });
  return Object.fromEntries([...(await readLedger(dir))].map(([letter, record]) => [letter, [record.state, record.messageId]]));
}

describe('the ledger as a rerun reads it', () => {
  it("gives each letter's last message that may have reached anyone; a failed resend leaves it as it was", async () => {
    expect(
      await stateOf([
        // Sent, then resent (edited) and the resend failed: still sent, as message 1.
        line('sending', 'a', '<1>'),
        line('sent', 'a', '<1>'),
        line('sending', 'a', '<2>', 'b'),
        line('failed', 'a', '<2>', 'b'),
        // Handed over with no answer (killed), then resent and refused: still unknown.
        line('sending', 'b', '<3>'),
        line('sending', 'b', '<4>'),
        line('failed', 'b', '<4>'),
        // Only failures: free to go.
        line('sending', 'c', '<5>'),
        line('failed', 'c', '<5>'),
        // Sent, then a resend killed in the server's hands: unknown, the later of the two.
        line('sending', 'd', '<6>'),
        line('sent', 'd', '<6>'),
        line('sending', 'd', '<7>'),
        // A line cut off by a kill is no record.
        '{"state":"sent","letter":"c","authority":"c","to":[],"cc"',
      ]),
    ).toEqual({ a: ['sent', '<1>'], b: ['sending', '<3>'], c: ['failed', '<5>'], d: ['sending', '<7>'] });
  });

  it('is empty when nothing was sent', async () => {
    expect(await readLedger(join(tempDir(), 'out'))).toEqual(new Map());
    const dir = tempDir();
    writeFileSync(join(dir, 'sent.jsonl'), '');
    expect(await readLedger(dir)).toEqual(new Map());
  });
});
