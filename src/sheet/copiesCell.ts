import { mailboxOf } from '../validate/emailAddress.js';

/** One entry of a data file's `copies:` list. */
export interface Copy {
  email: string;
  name?: string;
  role?: string;
}

/** What a "Copies to" cell holds, written here and read by import. */
export const COPIES_CELL_HINT = 'addresses, or names and addresses like Cllr Ann Smith <leader@example.org>, separated by ; or ,';

/**
 * A "Copies to" cell: addresses separated by `;` or `,`, each a plain
 * address or a name and an address (`Cllr Ann Smith <leader@example.org>`,
 * a name with a comma or a dot in quotes). A separator inside quotes or
 * angle brackets is part of the entry. Empty entries (a separator at the
 * end) are passed over. The first entry that is not one address is given
 * back as it was written, for the message at its cell.
 */
export function readCopies(text: string): { copies: Copy[] } | { wrong: string } {
  const copies: Copy[] = [];
  for (const part of splitEntries(text)) {
    if (part === '') continue;
    const mailbox = mailboxOf(part);
    if (!mailbox) return { wrong: part };
    copies.push(mailbox.name ? { email: mailbox.address, name: mailbox.name } : { email: mailbox.address });
  }
  return { copies };
}

/** The cell export writes for a `copies:` list: what readCopies reads back to the same addresses and names. */
export function writeCopies(copies: Copy[]): string {
  return copies.map((copy) => (copy.name === undefined ? copy.email : `${quotedName(copy.name)} <${copy.email}>`)).join('; ');
}

/** A name as written before its address: as it is when made of letters, digits, spaces, apostrophes and hyphens; in quotes otherwise. */
function quotedName(name: string): string {
  return /^[\p{L}\p{N}'’-]+( [\p{L}\p{N}'’-]+)*$/u.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
}

function splitEntries(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted && char === '\\' && index + 1 < text.length) {
      current += char + text[++index];
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angle = true;
    else if (!quoted && char === '>') angle = false;
    else if (!quoted && !angle && (char === ';' || char === ',')) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current.trim());
  return parts;
}
