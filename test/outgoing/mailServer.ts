import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import { afterEach } from 'vitest';
import { CLI, spawnForTest, tempDir } from '../helpers.js';

export const knowsley = (upheld = 9) => `authority:
  name: Knowsley Metropolitan Borough Council
  type: metropolitan-borough
recipient:
  title: Mr
  surname: Harden
  role: Chief Executive
  email: chief.executive@knowsley.example.org
copies:
  - email: leader@knowsley.example.org
    name: Cllr Graham Morgan
    role: Leader of the Council
statistics:
  investigations: 12
  upheld: ${upheld}
  satisfactory_remedies: 3
  compliance: { outcomes: 4, complied: 4 }
`;
export const WORCESTER = `authority:
  name: Worcester City Council
  type: district
recipient:
  title: Mr
  surname: Blake
  role: Managing Director
  email: managing.director@worcester.example.org
`;
export const WYRE_FOREST = `authority:
  name: Wyre Forest District Council
  type: district
recipient:
  title: Mr
  surname: Hewitt
  role: Chief Executive
  email: chief.executive@wyreforest.example.org
`;

/** What the server does with a message it has read: takes it (250), drops the connection without a word, or answers with this code. */
export type Answer = 'accept' | 'drop' | { code: number; message: string };

export interface Received {
  from: string;
  to: string[];
  user: string;
  secure: boolean;
  mail: ParsedMail;
  /** The letter's slug, from its Message-ID (`<2020.knowsley.…@example.org>`). */
  letter: string;
  /** Whether the server took it (answered 250, or would have: the client may be gone). */
  accepted: boolean;
}

export interface MailServerOptions {
  /** These addresses get a 550 at RCPT TO. */
  refuse?: string[];
  authOptional?: boolean;
  /** Each connection once greeted, numbered from 1: `drop` ends it before anything is said. */
  onConnect?: (connection: number) => 'accept' | 'drop';
  /** Each RCPT TO, with how many times the server has been given this address before (0 the first time): an error answers it, `drop` ends the connection. */
  onRecipient?: (address: string, before: number) => Answer;
  /** Each message once read in full, numbered from 1; awaited, so it may hold the message in the server's hands. */
  onMessage?: (message: number, mail: ParsedMail) => Answer | Promise<Answer>;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A real SMTP server on 127.0.0.1 with AUTH and STARTTLS on a certificate made here, stopped after the test. */
export async function mailServer(options: MailServerOptions = {}) {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    extensions: [{ name: 'basicConstraints', cA: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const received: Received[] = [];
  const recipients = new Map<string, number>();
  // The TCP socket of each connection, by the client's port: what "drop" destroys.
  const sockets = new Map<number, Socket>();
  let connections = 0;
  let messages = 0;
  const drop = (remotePort: number) => sockets.get(remotePort)?.destroy();
  const answer = (result: Answer, remotePort: number, callback: (error?: Error | null) => void) => {
    if (result === 'drop') drop(remotePort);
    else if (result === 'accept') callback();
    else callback(Object.assign(new Error(result.message), { responseCode: result.code }));
  };
  const server = new SMTPServer({
    key: pems.private,
    cert: pems.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: options.authOptional === true,
    logger: false,
    onConnect(session, callback) {
      connections += 1;
      if (options.onConnect?.(connections) === 'drop') drop(session.remotePort);
      else callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === 'letters' && auth.password === 'right horse battery') callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, session, callback) {
      const before = recipients.get(address.address) ?? 0;
      recipients.set(address.address, before + 1);
      if (options.refuse?.includes(address.address)) callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      else answer(options.onRecipient?.(address.address, before) ?? 'accept', session.remotePort, callback);
    },
    onData(stream, session, callback) {
      const number = ++messages;
      simpleParser(stream).then(async (mail) => {
        const result = (await options.onMessage?.(number, mail)) ?? 'accept';
        const letter = /^<\d{4}\.([a-z0-9-]+)\./.exec(mail.messageId ?? '')?.[1] ?? '';
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: String(session.user), secure: session.secure, mail, letter, accepted: result === 'accept' });
        answer(result, session.remotePort, callback);
      }, callback);
    },
  });
  // A client killed or dropped mid-conversation is what some tests are about: not an error of the test.
  server.on('error', () => {});
  server.server.prependListener('connection', (socket: Socket) => {
    const port = socket.remotePort!;
    sockets.set(port, socket);
    socket.on('close', () => sockets.delete(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  stops.push(async () => {
    for (const socket of sockets.values()) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const dir = tempDir({ 'ca.pem': pems.cert });
  /** How many messages of each letter the server took, by slug. */
  const counts = () => Object.fromEntries([...new Set(received.map((r) => r.letter))].sort().map((letter) => [letter, received.filter((r) => r.accepted && r.letter === letter).length]));
  /** How many messages each address was given, counting only those the server took. */
  const byAddress = () => {
    const taken = received.filter((r) => r.accepted).flatMap((r) => r.to);
    return Object.fromEntries([...new Set(taken)].sort().map((address) => [address, taken.filter((to) => to === address).length]));
  };
  return { received, counts, byAddress, recipients, port, ca: join(dir, 'ca.pem'), url: `smtp://letters@127.0.0.1:${port}` };
}

export const PASSWORD = 'right horse battery';

/** What `letters send` is run with against a test server: the password, and the server's certificate trusted. */
export const sendEnv = (server: { ca: string }): Record<string, string> => ({ LETTERS_SMTP_PASSWORD: PASSWORD, NODE_EXTRA_CA_CERTS: server.ca });

export interface Run {
  child: ChildProcess;
  /** What it has written to stderr so far. */
  stderr(): string;
  done: Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `letters` in a process group of its own without blocking this thread (the server answers in it); killed after the test. */
export function startCli(args: string[], cwd: string, env: Record<string, string>): Run {
  const child = spawnForTest(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })));
  return { child, stderr: () => stderr, done };
}

/** Resolves once `condition` holds, looking every 20 ms (the test's own limit ends a wait that never does). */
export async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

export async function runAsync(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return startCli(args, cwd, env).done;
}

/** The summary line without its time. */
export const summary = (stdout: string) => stdout.trim().replace(/ in \d+\.\d s$/, '');

/** Resolves with a function that lets the held message go: for `onMessage` to wait on. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return {
    /** Called by the server's hook: says the message is here, waits to be let go. */
    hold: async () => {
      reached();
      await opened;
    },
    arrived,
    open,
  };
}
