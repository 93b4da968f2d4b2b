/**
 * Where the first byte that is not valid UTF-8 is, so the message can point
 * at it (a file saved as Windows-1252 usually fails at a "£" or a curly quote).
 */
export function firstBadUtf8(bytes: Uint8Array): { line: number; column: number; byte: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length = sequenceLength(byte);
    if (length === 0) return { line, column, byte };
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return { line, column, byte };
    }
    if (byte === 0x0a) {
      line += 1;
      column = 1;
    } else column += 1;
    i += length;
  }
  return { line, column, byte: bytes[i - 1] ?? 0 };
}

/** Bytes in the sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte < 0xe0) return 2;
  if (byte >= 0xe0 && byte < 0xf0) return 3;
  if (byte >= 0xf0 && byte < 0xf5) return 4;
  return 0;
}
