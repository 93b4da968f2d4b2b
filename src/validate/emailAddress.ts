import emailAddresses from 'email-addresses';

/**
 * Whether `text` is one email address and nothing else, read by an RFC 5322
 * parser: no display name ("Jo <jo@…>"), no list, and a domain name with a
 * dot (`a@b` and `a@[1.2.3.4]` are valid syntax but never a council's address).
 */
export function isEmailAddress(text: string): boolean {
  const parsed = parseMailbox(text);
  return parsed !== undefined && parsed.name === null && parsed.address === text;
}

/** An address, or a name and an address (`Annual Review <review@example.org>`): a sender. */
export function isMailbox(text: string): boolean {
  return parseMailbox(text) !== undefined;
}

/** The name (or null) and address of one mailbox (`Cllr Ann Smith <leader@example.org>` or `leader@example.org`), by the rules a sender's address is checked by. */
export function mailboxOf(text: string): { name: string | null; address: string } | undefined {
  const parsed = parseMailbox(text);
  return parsed && { name: parsed.name, address: parsed.address };
}

function parseMailbox(text: string): emailAddresses.ParsedMailbox | undefined {
  const parsed = emailAddresses.parseOneAddress({ input: text, rfc6532: true });
  if (!parsed || parsed.type !== 'mailbox') return undefined;
  return /^[^.[\]]+(\.[^.[\]]+)+$/.test(parsed.domain) ? parsed : undefined;
}

export const EMAIL_ADDRESS_MESSAGE = 'must be one email address, like name@example.org';
export const SENDER_MESSAGE = 'must be an email address, or a name and an address, like "Annual Review <review@example.org>"';
