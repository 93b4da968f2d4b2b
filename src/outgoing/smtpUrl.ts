import { isIP } from 'node:net';
import { UsageError } from '../errors.js';

/** Where and how messages are handed over: what nodemailer's SMTP transport is given. */
export interface SmtpServer {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps://`). */
  secure: boolean;
  /** STARTTLS must succeed before anything else is said (`smtp://` to a host that is not loopback). */
  requireTLS: boolean;
  /** No STARTTLS even when offered (`?tls=none`). */
  ignoreTLS: boolean;
  auth?: { user: string; pass: string };
  /** The URL as it may be shown: never with a password. */
  shown: string;
}

export const PASSWORD_VARIABLE = 'LETTERS_SMTP_PASSWORD';
export const URL_VARIABLE = 'LETTERS_SMTP_URL';

/**
 * Reads `smtp://user@host:port` or `smtps://user@host:port` (`?tls=none`
 * for plain SMTP), with the password from LETTERS_SMTP_PASSWORD alone.
 * Everything is decided here, before any connection: a password is never
 * sent without TLS except to this machine (loopback).
 */
export function parseSmtpUrl(text: string, env: NodeJS.ProcessEnv = process.env): SmtpServer {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--smtp is not a URL: expected smtp://user@host:port or smtps://user@host:port`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new UsageError(`--smtp takes smtp:// or smtps:// (got ${url.protocol}//)`);
  if (url.password !== '') throw new UsageError(`the SMTP URL holds a password: leave it out, and give it in the environment variable ${PASSWORD_VARIABLE}`);
  if (url.hostname === '') throw new UsageError('the SMTP URL names no host: expected smtp://user@host:port');
  if (url.pathname !== '' && url.pathname !== '/') throw new UsageError(`the SMTP URL has a path (${url.pathname}): expected smtp://user@host:port`);
  const options = [...url.searchParams.entries()];
  const plain = options.length === 1 && options[0]![0] === 'tls' && options[0]![1] === 'none';
  if (options.length > 0 && !plain) throw new UsageError(`the SMTP URL's only option is ?tls=none (plain SMTP, no STARTTLS); got ?${url.searchParams.toString()}`);
  const secure = url.protocol === 'smtps:';
  if (secure && plain) throw new UsageError('smtps:// is TLS from the start: ?tls=none does not go with it');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const loopback = isLoopback(host);
  const user = decodeURIComponent(url.username);
  const pass = env[PASSWORD_VARIABLE];
  const shown = `${url.protocol}//${url.username === '' ? '' : `${url.username}@`}${url.host}${plain ? '?tls=none' : ''}`;
  let auth: SmtpServer['auth'];
  if (user !== '') {
    if (pass === undefined || pass === '') throw new UsageError(`the SMTP URL names the user ${user}: give the password in the environment variable ${PASSWORD_VARIABLE}`);
    if (plain && !loopback) throw new UsageError(`refusing to send the password for ${user} to ${host} without TLS: use smtps://, or smtp:// without ?tls=none (STARTTLS); only a loopback address may be sent a password in plain SMTP`);
    auth = { user, pass };
  } else if (pass !== undefined && pass !== '') {
    throw new UsageError(`${PASSWORD_VARIABLE} is set but the SMTP URL names no user: write it as smtp://user@${url.host}`);
  }
  return { host, port, secure, requireTLS: !secure && !plain && !loopback, ignoreTLS: plain, auth, shown };
}

/** This machine, by name or address: the only place a password may go without TLS. */
export function isLoopback(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./i.test(host);
  return false;
}
