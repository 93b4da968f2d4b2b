import { randomUUID } from 'node:crypto';
import emailAddresses from 'email-addresses';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { YearConfig } from '../validate/schema.js';
import type { CoveringMessage } from './coveringMessage.js';
import type { ReadyFile } from './readyLetters.js';
import type { Letter } from '../project.js';

/** One letter as an email, ready to hand over: its envelope and its bytes. */
export interface ComposedMessage {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** The whole message (RFC 5322), as sent and as `--dry-run` writes it. */
  raw: Buffer;
}

export interface ComposeOptions {
  /** A test run: every message goes to this address alone, its subject marked TEST. */
  testTo?: string;
}

/**
 * The letter's email: to its recipient, the copies in Cc, from the year's
 * sender, the covering message as text and HTML, and the built PDF attached
 * byte for byte under the authority's name.
 */
export async function composeMessage(letter: Letter, pdf: ReadyFile, covering: CoveringMessage, email: NonNullable<YearConfig['email']>, options: ComposeOptions = {}): Promise<ComposedMessage> {
  const { recipient, authority, copies = [] } = letter.record;
  const name = [recipient.title, recipient.forename, recipient.surname].filter(Boolean).join(' ');
  const to = options.testTo === undefined ? [{ name, address: recipient.email! }] : [{ name: '', address: options.testTo }];
  const cc = options.testTo === undefined ? copies.map((copy) => ({ name: copy.name ?? '', address: copy.email })) : [];
  const subject = `${options.testTo === undefined ? '' : 'TEST: '}${email.subject}: ${authority.name}`;
  const sender = emailAddresses.parseOneAddress({ input: email.from, rfc6532: true }) as emailAddresses.ParsedMailbox;
  const messageId = `<${letter.year}.${letter.slug}.${randomUUID()}@${sender.domain}>`;
  const composer = new MailComposer({
    messageId,
    date: new Date(),
    from: email.from,
    replyTo: email.reply_to,
    to,
    cc: cc.length > 0 ? cc : undefined,
    subject,
    text: covering.text,
    html: covering.html,
    attachments: [{ filename: `${fileName(authority.name)}.pdf`, content: pdf.bytes, contentType: 'application/pdf' }],
  });
  const raw = await new Promise<Buffer>((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
  return { messageId, from: sender.address, to: to.map((entry) => entry.address), cc: cc.map((entry) => entry.address), subject, raw };
}

/** The authority's name as a file name every mail program can save: no path or reserved characters. */
function fileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim();
}
