import { Readable } from 'node:stream';
import SMTPConnection, { type SMTPConnectionSendInfo } from 'nodemailer/lib/smtp-connection';
import type { ComposedMessage } from './compose.js';
import type { SmtpServer } from './smtpUrl.js';

/**
 * What became of one message handed to the server:
 * - `sent`: accepted (some addresses may have been refused while the others were accepted);
 * - `refused`: a permanent refusal (5xx) before the message was handed over;
 * - `temporary`: a 4xx answer or a connection lost before the message was handed over: worth another try;
 * - `unknown`: the connection was lost after the message's bytes went out: it may have been delivered;
 * - `fatal`: nothing will go to this server (a refused password, no TLS where it is required).
 */
export type Delivery =
  | { outcome: 'sent'; response: string; serverMessageId?: string; refused: Refusal[] }
  | { outcome: 'refused' | 'temporary' | 'unknown' | 'fatal'; response: string };

/** An address the server refused while it took the message for the others; `temporary` for a 4xx, worth another try. */
export interface Refusal {
  address: string;
  response: string;
  temporary: boolean;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * One connection per message: a connection that fails takes no other message
 * with it. `recipients` (default: every address of the message) narrows the
 * envelope, to try again only the addresses refused for now.
 */
export async function deliver(server: SmtpServer, message: ComposedMessage, recipients: string[] = [...message.to, ...message.cc]): Promise<Delivery> {
  const connection = new SMTPConnection({
    host: server.host,
    port: server.port,
    secure: server.secure,
    requireTLS: server.requireTLS,
    ignoreTLS: server.ignoreTLS,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  // The bytes are read only once the server has said to send them: from then on a lost connection may have delivered it.
  let handedOver = false;
  const body = new Readable({
    read() {
      handedOver = true;
      this.push(message.raw);
      this.push(null);
    },
  });
  let failed: ((error: SmtpError) => void) | undefined;
  connection.on('error', (error: SmtpError) => failed?.(error));
  try {
    await new Promise<void>((resolve, reject) => {
      failed = reject;
      // A connection closed before the greeting comes to this callback, not as an error event.
      connection.connect((error?: SmtpError) => (error ? reject(error) : resolve()));
    });
    if (server.auth) {
      const { auth } = server;
      await new Promise<void>((resolve, reject) => {
        failed = reject;
        connection.login({ user: auth.user, pass: auth.pass }, (error) => (error ? reject(error) : resolve()));
      });
    }
    const info = await new Promise<SMTPConnectionSendInfo>((resolve, reject) => {
      failed = reject;
      connection.send({ from: message.from, to: recipients }, body, (error: Error | null, result?: SMTPConnectionSendInfo) => (error ? reject(error) : resolve(result!)));
    });
    const refused = (info.rejectedErrors ?? []).map((error): Refusal => {
      const code = (error as SmtpError).responseCode;
      return { address: (error as { recipient?: string }).recipient ?? '', response: responseOf(error as SmtpError), temporary: code !== undefined && code >= 400 && code < 500 };
    });
    return { outcome: 'sent', response: info.response, serverMessageId: info.serverMessageId, refused };
  } catch (error) {
    return classify(error as SmtpError, handedOver);
  } finally {
    failed = undefined;
    connection.quit();
  }
}

function classify(error: SmtpError, handedOver: boolean): Delivery {
  const response = responseOf(error);
  const permanent = error.responseCode !== undefined && error.responseCode >= 500;
  if (error.code === 'EAUTH') return { outcome: 'fatal', response: `the server refused the login: ${response}` };
  if (error.code === 'ETLS') return { outcome: 'fatal', response: `no TLS with the server: ${response}` };
  if (permanent) return { outcome: 'refused', response };
  // A 4xx answer is a message not taken, even after its bytes; silence after them may be one delivered.
  if (handedOver && error.responseCode === undefined) return { outcome: 'unknown', response };
  return { outcome: 'temporary', response };
}

function responseOf(error: SmtpError): string {
  return (error.response ?? error.message).replace(/\s+/g, ' ').trim();
}
