import { join } from 'node:path';
import { EXIT_FAILURE, EXIT_OK, LettersError, UsageError, formatProblem } from '../errors.js';
import { watchInterrupts } from '../batch/interrupts.js';
import { createProgress, progressStyle } from '../batch/progress.js';
import { yearDir } from '../batch/outputPath.js';
import { loadProject } from '../project.js';
import { lockYear } from '../output/yearLock.js';
import { emailTemplateProblems } from '../outgoing/checkEmailTemplate.js';
import { coveringMessages } from '../outgoing/coveringMessage.js';
import { readLedger } from '../outgoing/ledger.js';
import { planSending } from '../outgoing/plan.js';
import { readyLetters } from '../outgoing/readyLetters.js';
import { sendLetters, type Outcome, type SendMode } from '../outgoing/sendLetters.js';
import { parseSmtpUrl, URL_VARIABLE } from '../outgoing/smtpUrl.js';
import { isEmailAddress } from '../validate/emailAddress.js';
import { findLetter } from './findLetter.js';
import type { InputOptions } from './options.js';

export interface SendCommandOptions extends InputOptions {
  year: string;
  out: string;
  authority?: string;
  dryRun?: boolean;
  to?: string;
  smtp?: string;
  rate: number;
  /** Hidden `--retry-delays`: the waits between tries after a temporary failure, for tests. */
  retryDelays?: number[];
  resend: string[];
  keepGoing?: boolean;
  json?: boolean;
}

/**
 * `letters send`: every built letter of a year that is ready (built, up to
 * date, a year without problems, an address) and not yet sent, one email
 * each; the rest listed with why. Exit 0 only when every letter asked for
 * has been sent, in this run or before.
 */
export async function sendCommand(options: SendCommandOptions): Promise<number> {
  const started = performance.now();
  if (options.to !== undefined && !isEmailAddress(options.to)) throw new UsageError(`--to takes one email address, like name@example.org (got "${options.to}")`);
  const smtp = options.smtp ?? process.env[URL_VARIABLE];
  let mode: SendMode;
  if (options.dryRun) mode = { kind: 'dry-run' };
  else if (smtp === undefined || smtp === '') throw new UsageError(`no mail server: give --smtp smtp://user@host:port (or set ${URL_VARIABLE}), or use --dry-run`);
  else {
    const server = parseSmtpUrl(smtp);
    mode = options.to === undefined ? { kind: 'send', server } : { kind: 'test', to: options.to, server };
  }

  // A build of the same output year must not change the letters while they are checked and sent.
  const lock = await lockYear('output', yearDir(options.out, options.year));
  try {
    return await sendLocked(options, mode, started);
  } finally {
    await lock.release();
  }
}

async function sendLocked(options: SendCommandOptions, mode: SendMode, started: number): Promise<number> {
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: options.year });
  const year = project.years.get(options.year);
  const yearFile = join(options.templates, options.year, 'year.yaml');
  if (year && !year.config.email) throw new LettersError(`${yearFile} has no \`email:\`: say who the letters are sent from (\`email: { from, reply_to, subject }\`)`);
  const covering = year ? await coveringMessages(year) : undefined;
  const letters = project.letters.filter((letter) => letter.year === options.year);
  const only = options.authority === undefined ? undefined : findLetter(letters, options.authority).slug;
  const resend = new Set(options.resend.map((name) => findLetter(letters, name).slug));
  const check = await readyLetters(project, options.year, options.out, { requireAddress: true, only: only === undefined ? undefined : (letter) => letter.slug === only });
  const asked = only === undefined ? check.letters : check.letters.filter((letter) => letter.slug === only);

  for (const problem of check.yearProblems) process.stderr.write(`${formatProblem(problem)}\n`);
  // A covering message that cannot be made for one letter would stop the run part-way: every one is made first, and a problem holds all back.
  const emailProblems = year ? await emailTemplateProblems(new Map([[options.year, year]]), asked.flatMap((letter) => (letter.ready ? [letter.letter] : []))) : [];
  if (emailProblems.length > 0) {
    for (const problem of emailProblems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(`nothing sent: the email template of ${options.year} has ${emailProblems.length === 1 ? 'a problem' : `${emailProblems.length} problems`}\n`);
    return EXIT_FAILURE;
  }
  const notReady = asked.filter((letter) => !letter.ready);
  if ((notReady.length > 0 || check.yearProblems.length > 0) && !options.keepGoing) {
    for (const letter of notReady) if (!letter.ready) process.stderr.write(`${letter.file}  not sent: ${letter.reason}\n`);
    process.stderr.write(`nothing sent: ${notReady.length === 1 ? '1 letter is' : `${notReady.length} letters are`} not ready${check.yearProblems.length > 0 ? ` and the year ${options.year} has problems` : ''} (use --keep-going to send the letters that are ready)\n`);
    return EXIT_FAILURE;
  }
  if (!year || !covering) return EXIT_FAILURE;

  const ledger = mode.kind === 'test' ? new Map() : await readLedger(yearDir(options.out, options.year));
  const planned = planSending(asked, ledger, { resend, test: mode.kind === 'test' });
  const progress = await createProgress(progressStyle({ quiet: options.json, terminal: process.stderr.isTTY === true }), process.stderr, mode.kind === 'dry-run' ? 'wrote' : 'sent');
  const interrupts = watchInterrupts(() => process.stderr.write('\nstopping: finishing the message in progress, starting no other\n'));
  let outcomes: Outcome[];
  try {
    outcomes = await sendLetters({ planned, year: options.year, email: year.config.email!, covering, outDir: options.out, mode, rate: options.rate, retryDelays: options.retryDelays, signal: interrupts.signal, progress });
  } finally {
    interrupts.dispose();
  }

  for (const outcome of outcomes) {
    const line = outcomeLine(outcome);
    if (line) process.stderr.write(`${line}\n`);
  }
  const count = (...statuses: Outcome['status'][]) => outcomes.filter((outcome) => statuses.includes(outcome.status)).length;
  const summary = {
    letters: outcomes.length,
    sent: count('sent'),
    written: count('written'),
    alreadySent: count('already sent'),
    changedSinceSent: count('sent an earlier version'),
    unknown: count('unknown'),
    notSent: count('not sent'),
    failed: count('failed'),
    notStarted: count('not started'),
    refused: outcomes.reduce((total, outcome) => total + (outcome.refused?.length ?? 0), 0),
    dryRun: mode.kind === 'dry-run',
    testTo: mode.kind === 'test' ? mode.to : null,
    // As `build --json` has them.
    seconds: Math.round(performance.now() - started) / 1000,
    stopped: interrupts.signal.aborted,
    out: options.out,
    results: outcomes,
  };
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(`${summaryLine(summary, mode)}\n`);
  if (interrupts.exitCode !== undefined) return interrupts.exitCode;
  const done = summary.sent + summary.written + summary.alreadySent;
  return done === summary.letters && summary.refused === 0 ? EXIT_OK : EXIT_FAILURE;
}

/** A line on stderr for each letter that did not simply go (or go before). */
function outcomeLine(outcome: Outcome): string | undefined {
  const where = `${outcome.file}  `;
  switch (outcome.status) {
    case 'sent':
      return outcome.refused && outcome.refused.length > 0 ? `${where}sent, but the server refused ${outcome.refused.map((entry) => `${entry.address} (${entry.response})`).join(', ')}` : undefined;
    case 'written':
    case 'already sent':
      return undefined;
    case 'sent an earlier version':
      return `${where}sent an earlier version ${outcome.detail}: the letter has changed since (\`--resend ${outcome.letter}\` sends this one)`;
    case 'unknown':
      return `${where}unknown: check the mailbox: ${outcome.detail} (\`--resend ${outcome.letter}\` sends it again)`;
    default:
      return `${where}${outcome.status}: ${outcome.detail}`;
  }
}

/** `5 letters: 3 sent, 1 already sent, 0 sent an earlier version, 1 not sent, 0 failed` */
function summaryLine(summary: { letters: number; sent: number; written: number; alreadySent: number; changedSinceSent: number; unknown: number; notSent: number; failed: number; notStarted: number; stopped: boolean; seconds: number }, mode: SendMode): string {
  const counts =
    mode.kind === 'dry-run'
      ? [`${summary.written} written to mail/ (nothing sent)`]
      : mode.kind === 'test'
        ? [`${summary.sent} sent to ${mode.to} (a test: nothing recorded as sent)`]
        : [`${summary.sent} sent`];
  counts.push(`${summary.alreadySent} already sent`, `${summary.changedSinceSent} sent an earlier version`, `${summary.notSent} not sent`, `${summary.failed} failed`);
  if (summary.unknown > 0) counts.push(`${summary.unknown} unknown`);
  if (summary.notStarted > 0) counts.push(`${summary.notStarted} not started`);
  const line = `${summary.letters} ${summary.letters === 1 ? 'letter' : 'letters'}: ${counts.join(', ')} in ${summary.seconds.toFixed(1)} s`;
  return summary.stopped ? `stopped: ${line}` : line;
}
