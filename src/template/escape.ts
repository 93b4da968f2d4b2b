/**
 * Data values reach the markup as literal text: every ASCII punctuation mark
 * is backslash-escaped (CommonMark lets any of them be), so an authority
 * called `*A* [B](c)` or `Telford & Wrekin` reads exactly as written and can
 * never add emphasis, links or directives. This is the one place escaping
 * is decided; writers receive plain text from the document tree.
 */
export function escapeMarkup(value: string): string {
  return value.replace(/[!-/:-@[-`{-~]/g, (mark) => `\\${mark}`);
}

/** A copy of `value` with every string in it escaped; numbers, booleans and null pass through. */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeMarkup(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeStrings(inner)])) as T;
  }
  return value;
}
