import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { gate, knowsley, mailServer, runAsync, sendEnv, startCli, summary, waitFor, WORCESTER, WYRE_FOREST } from './mailServer.js';

const threeLetters = () => {
  const dir = tempProject({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER, '2020/wyre-forest.yaml': WYRE_FOREST });
  expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
  return dir;
};
const ledgerOf = (dir: string) =>
  readFileSync(join(dir, 'out/2020/sent.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { state: string; letter: string; messageId: string; response?: string });
const UNKNOWN = (letter: string) => new RegExp(`^data/2020/${letter}\\.yaml  unknown: check the mailbox: handed to the server at \\S+ with no answer recorded \\(message <2020\\.${letter}\\.[^>]+@example\\.org>\\) \\(\`--resend ${letter}\` sends it again\\)$`);


describe('letters send, stopped and run again', () => {
  it('killed with SIGKILL while the server holds a message: the rerun sends the rest, none twice, and lists the one held as unknown for --resend', async () => {
    const held = gate();
    const server = await mailServer({ onMessage: async (message) => (message === 2 ? (await held.hold(), 'accept') : 'accept') });
    const dir = threeLetters();
    const env = sendEnv(server);
    const args = ['send', '--year', '2020', '--smtp', server.url, '--rate', '6000'];

    const killed = startCli(args, dir, env);
    await held.arrived;
    process.kill(-killed.child.pid!, 'SIGKILL');
    const end = await killed.done;
    expect(end.signal).toBe('SIGKILL');
    // The server takes the message it held after the client is gone: it is in the mailbox, though the client never heard so.
    held.open();
    await waitFor(() => server.counts().worcester === 1);
    expect(server.counts()).toEqual({ knowsley: 1, worcester: 1 });
    expect(ledgerOf(dir).map((r) => [r.state, r.letter])).toEqual([['sending', 'knowsley'], ['sent', 'knowsley'], ['sending', 'worcester']]);

    const rerun = await runAsync(args, dir, env);
    expect(rerun.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(UNKNOWN('worcester'))]);
    expect(summary(rerun.stdout)).toBe('3 letters: 1 sent, 1 already sent, 0 sent an earlier version, 0 not sent, 0 failed, 1 unknown');
    expect(rerun.code).toBe(1);
    expect(server.counts()).toEqual({ knowsley: 1, worcester: 1, 'wyre-forest': 1 });

    // Once more: nothing goes, the one held is still unknown.
    const third = await runAsync(args, dir, env);
    expect(summary(third.stdout)).toBe('3 letters: 0 sent, 2 already sent, 0 sent an earlier version, 0 not sent, 0 failed, 1 unknown');
    expect(server.counts()).toEqual({ knowsley: 1, worcester: 1, 'wyre-forest': 1 });

    // Checked in the mailbox (here, say, it was not there): --resend sends it; the only letter that went twice is the one listed as unknown.
    const resent = await runAsync([...args, '--resend', 'worcester'], dir, env);
    expect(resent.stderr).toBe('');
    expect(summary(resent.stdout)).toBe('3 letters: 1 sent, 2 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(resent.code).toBe(0);
    expect(server.counts()).toEqual({ knowsley: 1, worcester: 2, 'wyre-forest': 1 });
    expect(ledgerOf(dir).map((r) => [r.state, r.letter]).slice(-2)).toEqual([['sending', 'worcester'], ['sent', 'worcester']]);
    const after = await runAsync(args, dir, env);
    expect(summary(after.stdout)).toBe('3 letters: 0 sent, 3 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(after.code).toBe(0);
  });

  it('killed with SIGKILL before a message is handed over: the rerun lists it as unknown too, and the server never had it', async () => {
    const server = await mailServer({ onRecipient: (address) => (address === 'managing.director@worcester.example.org' ? 'drop' : 'accept') });
    // Worcester's RCPT TO is dropped: the client retries; it is killed while waiting to retry, its letter marked "sending".
    const dir = threeLetters();
    const env = sendEnv(server);
    const args = ['send', '--year', '2020', '--smtp', server.url, '--rate', '6000'];
    const killed = startCli([...args, '--retry-delays', '60000'], dir, env);
    await waitFor(() => server.recipients.has('managing.director@worcester.example.org'));
    process.kill(-killed.child.pid!, 'SIGKILL');
    await killed.done;
    expect(ledgerOf(dir).map((r) => [r.state, r.letter])).toEqual([['sending', 'knowsley'], ['sent', 'knowsley'], ['sending', 'worcester']]);

    const healthy = await mailServer();
    const rerun = await runAsync(['send', '--year', '2020', '--smtp', healthy.url, '--rate', '6000'], dir, { ...env, NODE_EXTRA_CA_CERTS: healthy.ca });
    expect(rerun.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(UNKNOWN('worcester'))]);
    expect(summary(rerun.stdout)).toBe('3 letters: 1 sent, 1 already sent, 0 sent an earlier version, 0 not sent, 0 failed, 1 unknown');
    expect(server.counts()).toEqual({ knowsley: 1 });
    expect(healthy.counts()).toEqual({ 'wyre-forest': 1 });
  });
});

describe('letters send, when the server fails', () => {
  it('a server that drops every connection from the second message on: those fail after their tries, and a rerun sends only them', async () => {
    let down = false;
    const server = await mailServer({
      onConnect: () => (down ? 'drop' : 'accept'),
      onMessage: () => {
        down = true;
        return 'accept';
      },
    });
    const dir = threeLetters();
    const env = sendEnv(server);
    const args = retryingSend(server);
    const first = await runAsync(args, dir, env);
    expect(first.stderr.trimEnd().split('\n')).toEqual([
      'data/2020/worcester.yaml  failed: Connection closed unexpectedly (after 3 tries)',
      'data/2020/wyre-forest.yaml  failed: Connection closed unexpectedly (after 3 tries)',
    ]);
    expect(summary(first.stdout)).toBe('3 letters: 1 sent, 0 already sent, 0 sent an earlier version, 0 not sent, 2 failed');
    expect(first.code).toBe(1);
    expect(server.counts()).toEqual({ knowsley: 1 });
    expect(ledgerOf(dir).map((r) => [r.state, r.letter])).toEqual([['sending', 'knowsley'], ['sent', 'knowsley'], ['sending', 'worcester'], ['failed', 'worcester'], ['sending', 'wyre-forest'], ['failed', 'wyre-forest']]);

    down = false;
    const second = await mailServer();
    const rerun = await runAsync(['send', '--year', '2020', '--smtp', second.url, '--rate', '6000'], dir, { ...env, NODE_EXTRA_CA_CERTS: second.ca });
    expect(rerun.stderr).toBe('');
    expect(summary(rerun.stdout)).toBe('3 letters: 2 sent, 1 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(rerun.code).toBe(0);
    expect(second.counts()).toEqual({ worcester: 1, 'wyre-forest': 1 });
    expect(server.counts()).toEqual({ knowsley: 1 });
  });

  it('a connection dropped after a message went, before the answer: unknown, not tried again; the rest go on', async () => {
    const server = await mailServer({ onMessage: (message) => (message === 1 ? 'drop' : 'accept') });
    const dir = threeLetters();
    const env = sendEnv(server);
    const args = retryingSend(server);
    const first = await runAsync(args, dir, env);
    expect(first.stderr).toBe('data/2020/knowsley.yaml  unknown: check the mailbox: the connection was lost after the message was handed over: Connection closed unexpectedly (`--resend knowsley` sends it again)\n');
    expect(summary(first.stdout)).toBe('3 letters: 2 sent, 0 already sent, 0 sent an earlier version, 0 not sent, 0 failed, 1 unknown');
    expect(first.code).toBe(1);
    expect(server.received.map((r) => [r.letter, r.accepted])).toEqual([['knowsley', false], ['worcester', true], ['wyre-forest', true]]);
    const rerun = await runAsync(args, dir, env);
    expect(rerun.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(UNKNOWN('knowsley'))]);
    expect(summary(rerun.stdout)).toBe('3 letters: 0 sent, 2 already sent, 0 sent an earlier version, 0 not sent, 0 failed, 1 unknown');
    expect(server.received).toHaveLength(3);
  });

  it('retries a temporary failure (451) and sends; an address refused for now is tried again alone; one that persists is reported after its tries, and a rerun sends it', async () => {
    let busy = true;
    let wyreForestTries = 0;
    const server = await mailServer({
      onRecipient: (address, before) => {
        if (address === 'leader@knowsley.example.org' && before === 0) return { code: 451, message: 'Try again later' };
        if (address === 'managing.director@worcester.example.org' && busy) return { code: 452, message: 'Mailbox busy' };
        return 'accept';
      },
      onMessage: (_message, mail) => (mail.messageId!.includes('.wyre-forest.') && ++wyreForestTries === 1 ? { code: 451, message: 'Local error in processing' } : 'accept'),
    });
    const dir = threeLetters();
    const env = sendEnv(server);
    const args = retryingSend(server);
    const first = await runAsync(args, dir, env);
    expect(first.stderr).toBe('data/2020/worcester.yaml  failed: 452 Mailbox busy (after 3 tries)\n');
    expect(summary(first.stdout)).toBe('3 letters: 2 sent, 0 already sent, 0 sent an earlier version, 0 not sent, 1 failed');
    expect(first.code).toBe(1);
    // Knowsley went to its chief executive, then to the Leader alone once the server took it; Wyre Forest on its second try.
    expect(server.received.map((r) => [r.letter, r.to, r.accepted])).toEqual([
      ['knowsley', ['chief.executive@knowsley.example.org'], true],
      ['knowsley', ['leader@knowsley.example.org'], true],
      ['wyre-forest', ['chief.executive@wyreforest.example.org'], false],
      ['wyre-forest', ['chief.executive@wyreforest.example.org'], true],
    ]);
    expect(server.recipients.get('managing.director@worcester.example.org')).toBe(3);
    const ledger = ledgerOf(dir);
    expect(ledger.map((r) => [r.state, r.letter])).toEqual([['sending', 'knowsley'], ['sent', 'knowsley'], ['sending', 'worcester'], ['failed', 'worcester'], ['sending', 'wyre-forest'], ['sent', 'wyre-forest']]);
    expect(ledger[3]!.response).toBe('452 Mailbox busy');
    expect(ledger[1]).not.toHaveProperty('refused');

    busy = false;
    const rerun = await runAsync(args, dir, env);
    expect(rerun.stderr).toBe('');
    expect(summary(rerun.stdout)).toBe('3 letters: 1 sent, 2 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(rerun.code).toBe(0);
    expect(server.byAddress()).toEqual({
      'chief.executive@knowsley.example.org': 1,
      'chief.executive@wyreforest.example.org': 1,
      'leader@knowsley.example.org': 1,
      'managing.director@worcester.example.org': 1,
    });
  });

  it('reports an address still refused for now after its tries, while the message went to the others', async () => {
    const server = await mailServer({ onRecipient: (address) => (address === 'leader@knowsley.example.org' ? { code: 450, message: 'Mailbox unavailable' } : 'accept') });
    const dir = tempProject({ '2020/knowsley.yaml': knowsley() });
    expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
    const result = await runAsync(retryingSend(server), dir, sendEnv(server));
    expect(result.stderr).toBe('data/2020/knowsley.yaml  sent, but the server refused leader@knowsley.example.org (450 Mailbox unavailable (after 3 tries))\n');
    expect(result.code).toBe(1);
    expect(server.byAddress()).toEqual({ 'chief.executive@knowsley.example.org': 1 });
    expect(server.recipients.get('leader@knowsley.example.org')).toBe(3);
    expect(ledgerOf(dir).at(-1)).toMatchObject({ state: 'sent', letter: 'knowsley', refused: ['leader@knowsley.example.org'] });
  });
});

/** `letters send` of the year, fast, with short waits between tries. */
function retryingSend(server: { url: string }): string[] {
  return ['send', '--year', '2020', '--smtp', server.url, '--rate', '6000', '--retry-delays', '10,20'];
}
