import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { knowsley, mailServer, runAsync, summary, WORCESTER } from './mailServer.js';

describe('letters send', () => {
  it('sends a whole year over STARTTLS with AUTH, each message to its people with the built PDF, and a rerun sends nothing', async () => {
    const server = await mailServer();
    const dir = tempProject({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER });
    expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
    const env = { LETTERS_SMTP_PASSWORD: 'right horse battery', NODE_EXTRA_CA_CERTS: server.ca };
    const args = ['send', '--year', '2020', '--smtp', `smtp://letters@127.0.0.1:${server.port}`, '--rate', '6000'];
    const first = await runAsync(args, dir, env);
    expect(first.stderr).toBe('');
    expect(summary(first.stdout)).toBe('2 letters: 2 sent, 0 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(first.code).toBe(0);
    expect(server.received.map((r) => [r.user, r.secure, r.from, r.to])).toEqual([
      ['letters', true, 'annual.review@example.org', ['chief.executive@knowsley.example.org', 'leader@knowsley.example.org']],
      ['letters', true, 'annual.review@example.org', ['managing.director@worcester.example.org']],
    ]);
    const mail = server.received[0]!.mail;
    expect(mail.subject).toBe('Annual Review letter 2020: Knowsley Metropolitan Borough Council');
    expect(mail.from!.text).toBe('"Local Government and Social Care Ombudsman" <annual.review@example.org>');
    expect((mail.to as { text: string }).text).toBe('"Mr Harden" <chief.executive@knowsley.example.org>');
    expect((mail.cc as { text: string }).text).toBe('"Cllr Graham Morgan" <leader@knowsley.example.org>');
    expect(mail.replyTo!.text).toBe('annual.review@example.org');
    expect(mail.text).toContain("Dear Mr Harden\n\nAnnual Review letter 2020\n\nPlease find attached the Local Government and Social Care Ombudsman's annual review letter 2020 for Knowsley Metropolitan Borough Council, with your annual summary of complaint statistics for the year ending 31 March 2020.");
    expect(mail.html).toContain('<h1>Annual Review letter 2020</h1>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Knowsley Metropolitan Borough Council.pdf', 'application/pdf']]);
    expect(mail.attachments[0]!.content.equals(readFileSync(join(dir, 'out/2020/knowsley.pdf')))).toBe(true);
    const ledger = readFileSync(join(dir, 'out/2020/sent.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(ledger.map((r) => [r.state, r.letter])).toEqual([['sending', 'knowsley'], ['sent', 'knowsley'], ['sending', 'worcester'], ['sent', 'worcester']]);
    expect(ledger[1].messageId).toBe(mail.messageId);
    expect(JSON.stringify(ledger)).not.toContain('right horse battery');

    const again = await runAsync(args, dir, env);
    expect(summary(again.stdout)).toBe('2 letters: 0 sent, 2 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(again.code).toBe(0);
    expect(server.received).toHaveLength(2);

    // Edited and rebuilt: listed as sent in an earlier version, sent again only with --resend.
    writeFileSync(join(dir, 'data/2020/knowsley.yaml'), knowsley(8));
    expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
    const changed = await runAsync(args, dir, env);
    expect(changed.stderr).toMatch(/^data\/2020\/knowsley\.yaml  sent an earlier version at \S+ \(message <2020\.knowsley\.[^>]+@example\.org>\): the letter has changed since \(`--resend knowsley` sends this one\)\n$/);
    expect(summary(changed.stdout)).toBe('2 letters: 0 sent, 1 already sent, 1 sent an earlier version, 0 not sent, 0 failed');
    expect(changed.code).toBe(1);
    const resent = await runAsync([...args, '--resend', 'knowsley'], dir, env);
    expect(summary(resent.stdout)).toBe('2 letters: 1 sent, 1 already sent, 0 sent an earlier version, 0 not sent, 0 failed');
    expect(server.received).toHaveLength(3);
    expect(server.received[2]!.mail.attachments[0]!.content.equals(readFileSync(join(dir, 'out/2020/knowsley.pdf')))).toBe(true);
  });

  it('records a recipient the server refuses and goes on with the rest', async () => {
    const server = await mailServer({ refuse: ['chief.executive@knowsley.example.org', 'leader@knowsley.example.org'], authOptional: true });
    const dir = tempProject({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER });
    expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
    const result = await runAsync(['send', '--year', '2020', '--smtp', `smtp://127.0.0.1:${server.port}`, '--rate', '6000'], dir, { NODE_EXTRA_CA_CERTS: server.ca });
    expect(result.stderr).toMatch(/^data\/2020\/knowsley\.yaml  failed: .*550 no such mailbox.*\n$/);
    expect(summary(result.stdout)).toBe('2 letters: 1 sent, 0 already sent, 0 sent an earlier version, 0 not sent, 1 failed');
    expect(result.code).toBe(1);
    expect(server.received.map((r) => r.to)).toEqual([['managing.director@worcester.example.org']]);
  });

  it('refuses, before connecting, to send a password in plain SMTP to a host that is not loopback', async () => {
    const dir = tempProject({ '2020/worcester.yaml': WORCESTER });
    const result = await runAsync(['send', '--year', '2020', '--smtp', 'smtp://letters@mail.example.org:25?tls=none'], dir, { LETTERS_SMTP_PASSWORD: 'right horse battery' });
    expect(result.stderr).toBe('error: refusing to send the password for letters to mail.example.org without TLS: use smtps://, or smtp:// without ?tls=none (STARTTLS); only a loopback address may be sent a password in plain SMTP\n');
    expect(result.code).toBe(2);
  });

  it('writes each message as an .eml file with --dry-run, and holds back a letter without an address', () => {
    const dir = tempProject({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER.replace(/  email: .*\n/, '') });
    expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
    const refused = runCli(['send', '--year', '2020', '--dry-run'], dir);
    expect(refused.stderr).toBe('data/2020/worcester.yaml  not sent: no address: its data file has no recipient.email\nnothing sent: 1 letter is not ready (use --keep-going to send the letters that are ready)\n');
    expect(refused.code).toBe(1);
    const result = runCli(['send', '--year', '2020', '--dry-run', '--keep-going'], dir);
    expect(summary(result.stdout)).toBe('2 letters: 1 written to mail/ (nothing sent), 0 already sent, 0 sent an earlier version, 1 not sent, 0 failed');
    expect(result.code).toBe(1);
    const eml = readFileSync(join(dir, 'out/2020/mail/knowsley.eml'), 'utf8');
    expect(eml).toContain('Subject: Annual Review letter 2020: Knowsley Metropolitan Borough Council');
    expect(eml).toMatch(/Content-Type: application\/pdf; name="Knowsley Metropolitan Borough\r?\n Council\.pdf"/);
  });
});
