import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { gate, knowsley, mailServer, runAsync, sendEnv, startCli, summary, waitFor, WORCESTER, WYRE_FOREST } from './mailServer.js';

const built = (files: Record<string, string>) => {
  const dir = tempProject(files);
  expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
  return dir;
};
const ledgerLines = (dir: string) => readFileSync(join(dir, 'out/2020/sent.jsonl'), 'utf8').trim().split('\n').length;

describe('letters send --to, --dry-run, --json, --rate, Ctrl-C', () => {
  it('--to sends every message to that one address, subject marked TEST, whatever the ledger says, and records nothing', async () => {
    const server = await mailServer();
    const dir = built({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER });
    const env = sendEnv(server);
    const args = ['send', '--year', '2020', '--smtp', server.url, '--rate', '6000'];
    const test = await runAsync([...args, '--to', 'tester@example.org'], dir, env);
    expect(test.stderr).toBe('');
    expect(summary(test.stdout)).toBe('2 letters: 2 sent to tester@example.org (a test: nothing recorded as sent), 0 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(test.code).toBe(0);
    expect(existsSync(join(dir, 'out/2020/sent.jsonl'))).toBe(false);
    expect(server.received.map((r) => [r.to, r.mail.subject, (r.mail.to as { text: string }).text, r.mail.cc])).toEqual([
      [['tester@example.org'], 'TEST: Annual Review letter 2020: Knowsley Metropolitan Borough Council', 'tester@example.org', undefined],
      [['tester@example.org'], 'TEST: Annual Review letter 2020: Worcester City Council', 'tester@example.org', undefined],
    ]);
    // The real message's covering text and the built PDF's bytes.
    expect(server.received[0]!.mail.text).toContain('Dear Mr Harden\n\nAnnual Review letter 2020\n');
    expect(server.received[0]!.mail.attachments[0]!.content.equals(readFileSync(join(dir, 'out/2020/knowsley.pdf')))).toBe(true);

    // The test run recorded nothing: the real run sends both; a test run after it still sends both, and the ledger stays as it was.
    const real = await runAsync(args, dir, env);
    expect(summary(real.stdout)).toBe('2 letters: 2 sent, 0 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(ledgerLines(dir)).toBe(4);
    const again = await runAsync([...args, '--to', 'tester@example.org'], dir, env);
    expect(summary(again.stdout)).toBe('2 letters: 2 sent to tester@example.org (a test: nothing recorded as sent), 0 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(ledgerLines(dir)).toBe(4);
    expect(server.byAddress()).toEqual({ 'chief.executive@knowsley.example.org': 1, 'leader@knowsley.example.org': 1, 'managing.director@worcester.example.org': 1, 'tester@example.org': 4 });
  });

  it('--to takes one address', () => {
    const result = runCli(['send', '--year', '2020', '--dry-run', '--to', 'Tester <tester@example.org>'], tempProject({}));
    expect(result.stderr).toBe('error: --to takes one email address, like name@example.org (got "Tester <tester@example.org>")\n');
    expect(result.code).toBe(2);
  });

  it('--dry-run writes each message as a whole .eml file, the PDF attached byte for byte, and no server or ledger is needed', async () => {
    const dir = built({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER });
    const result = runCli(['send', '--year', '2020', '--dry-run'], dir);
    expect(result.stderr).toBe('');
    expect(summary(result.stdout)).toBe('2 letters: 2 written to mail/ (nothing sent), 0 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'out/2020/sent.jsonl'))).toBe(false);
    const mail = await simpleParser(readFileSync(join(dir, 'out/2020/mail/knowsley.eml')));
    expect(mail.from!.text).toBe('"Local Government and Social Care Ombudsman" <annual.review@example.org>');
    expect((mail.to as { text: string }).text).toBe('"Mr Harden" <chief.executive@knowsley.example.org>');
    expect((mail.cc as { text: string }).text).toBe('"Cllr Graham Morgan" <leader@knowsley.example.org>');
    expect(mail.replyTo!.text).toBe('annual.review@example.org');
    expect(mail.subject).toBe('Annual Review letter 2020: Knowsley Metropolitan Borough Council');
    expect(mail.messageId).toMatch(/^<2020\.knowsley\.[0-9a-f-]{36}@example\.org>$/);
    expect(mail.text).toContain("Dear Mr Harden\n\nAnnual Review letter 2020\n\nPlease find attached the Local Government and Social Care Ombudsman's annual review letter 2020 for Knowsley Metropolitan Borough Council");
    expect(mail.html).toContain('<h1>Annual Review letter 2020</h1>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Knowsley Metropolitan Borough Council.pdf', 'application/pdf']]);
    expect(mail.attachments[0]!.content.equals(readFileSync(join(dir, 'out/2020/knowsley.pdf')))).toBe(true);
    const worcester = await simpleParser(readFileSync(join(dir, 'out/2020/mail/worcester.eml')));
    expect([(worcester.to as { text: string }).text, worcester.cc]).toEqual(['"Mr Blake" <managing.director@worcester.example.org>', undefined]);
  });

  it('--json prints the summary as build --json does: counts, seconds, stopped, out, and each letter', async () => {
    const dir = built({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER });
    const result = runCli(['send', '--year', '2020', '--dry-run', '--json'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(result.stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(typeof json.seconds).toBe('number');
    const messageIds = json.results.map((r: { messageId: string }) => r.messageId);
    expect({ ...json, seconds: 0 }).toEqual({
      letters: 2,
      sent: 0,
      written: 2,
      alreadySent: 0,
      changedSinceSent: 0,
      unknown: 0,
      notSent: 0,
      failed: 0,
      notStarted: 0,
      refused: 0,
      dryRun: true,
      testTo: null,
      seconds: 0,
      stopped: false,
      out: 'out',
      results: [
        { letter: 'knowsley', file: 'data/2020/knowsley.yaml', authority: 'Knowsley Metropolitan Borough Council', status: 'written', detail: 'out/2020/mail/knowsley.eml', messageId: messageIds[0], to: ['chief.executive@knowsley.example.org'], cc: ['leader@knowsley.example.org'] },
        { letter: 'worcester', file: 'data/2020/worcester.yaml', authority: 'Worcester City Council', status: 'written', detail: 'out/2020/mail/worcester.eml', messageId: messageIds[1], to: ['managing.director@worcester.example.org'], cc: [] },
      ],
    });
    expect(Object.keys(json).slice(-4)).toEqual(['seconds', 'stopped', 'out', 'results']);
  });

  it.each([
    ['0', '0'],
    ['-5', '-5'],
    ['ten', 'ten'],
    ['1.5', '1.5'],
  ])('--rate %s is wrong usage: exit 2 with what --rate takes', (value, shown) => {
    const result = runCli(['send', '--year', '2020', '--dry-run', '--rate', value], tempProject({}));
    expect(result.stderr.split('\n')[0]).toBe(`error: --rate takes a whole number of messages a minute, at least 1 (got "${shown}")`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  it('Ctrl-C finishes the message in the server hands, starts no other, and exits 130 as build does; a rerun sends the rest', async () => {
    const held = gate();
    const server = await mailServer({ onMessage: async (message) => (message === 1 ? (await held.hold(), 'accept') : 'accept') });
    const dir = built({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER, '2020/wyre-forest.yaml': WYRE_FOREST });
    const env = sendEnv(server);
    const args = ['send', '--year', '2020', '--smtp', server.url, '--rate', '6000'];
    const run = startCli(args, dir, env);
    await held.arrived;
    run.child.kill('SIGINT');
    // The signal has landed (the command says it is stopping) before the server answers.
    await waitFor(() => run.stderr().includes('stopping:'));
    held.open();
    const stopped = await run.done;
    expect(stopped.stderr).toBe(
      [
        '',
        'stopping: finishing the message in progress, starting no other',
        'data/2020/worcester.yaml  not started: the run was stopped',
        'data/2020/wyre-forest.yaml  not started: the run was stopped',
        '',
      ].join('\n'),
    );
    expect(summary(stopped.stdout)).toBe('stopped: 3 letters: 1 sent, 0 already sent, 0 sent an earlier version, 0 not sent, 0 failed, 2 not started');
    expect(stopped.code).toBe(130);
    expect(server.counts()).toEqual({ knowsley: 1 });

    const rerun = await runAsync(args, dir, env);
    expect(summary(rerun.stdout)).toBe('3 letters: 2 sent, 1 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(rerun.code).toBe(0);
    expect(server.counts()).toEqual({ knowsley: 1, worcester: 1, 'wyre-forest': 1 });
  });
});
