import emailAddresses from 'email-addresses';

/**
 * Whether `text` is one email address and nothing else, read by an RFC 5322
 * parser: no display name ("Jo <jo@…>"), no list, and a domain name with a
 * dot (`a@b` and `a@[1.2.3.4]` are valid syntax but never a council's address).
 */
export function isEmailAddress(text: string): boolean {
  const parsed = emailAddresses.parseOneAddress({ input: text, rfc6532: true });
  if (!parsed || parsed.type !== 'mailbox' || parsed.name !== null || parsed.address !== text) return false;
  return /^[^.[\]]+(\.[^.[\]]+)+$/.test(parsed.domain);
}

export const EMAIL_ADDRESS_MESSAGE = 'must be one email address, like name@example.org';
