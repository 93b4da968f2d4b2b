import { isMap, isPair, isScalar, visit, type Document } from 'yaml';

/**
 * A new year's `year.yaml` from last year's: every date (a value written
 * yyyy-mm-dd: letter_date, the period, any in facts) moved on by the years
 * between them, and a comment above the figures that are last year's
 * (`averages`, `facts`) saying they need review. Edited in the text at the
 * positions the parser gives, so every other byte, comment and layout stays
 * as it was.
 */
export function moveYearFile(text: string, document: Document.Parsed, from: string, to: string): string {
  const years = Number(to) - Number(from);
  const edits: { at: number; end: number; text: string }[] = [];
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(node.value) || !node.range) return;
      const [start, end] = node.range;
      const source = text.slice(start, end);
      const at = source.indexOf(node.value);
      if (at >= 0) edits.push({ at: start + at, end: start + at + node.value.length, text: moveDate(node.value, years) });
    },
  });
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const note = REVIEW[String(pair.key.value)];
      if (!note) continue;
      // Above the key's own comment, at the start of its line.
      const line = text.lastIndexOf('\n', pair.key.range[0]) + 1;
      const commentStart = firstCommentLine(text, line);
      edits.push({ at: commentStart, end: commentStart, text: `# ${note(from, to)}\n` });
    }
  }
  let moved = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) moved = moved.slice(0, edit.at) + edit.text + moved.slice(edit.end);
  return moved;
}

const REVIEW: Record<string, (from: string, to: string) => string> = {
  averages: (from, to) => `REVIEW: these averages are ${from}'s, copied by \`letters new-year\`. Type ${to}'s (\`letters averages --year ${to}\` computes them from the data), or write \`averages: from-data\`; then remove this comment.`,
  facts: (from, to) => `REVIEW: these facts are ${from}'s, copied by \`letters new-year\`. Check each for ${to}, then remove this comment.`,
};

/** The first of the comment lines directly above `line` (or `line` itself), so the note goes above a key's comment. */
function firstCommentLine(text: string, line: number): number {
  let start = line;
  while (start > 0) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    if (!/^#/.test(text.slice(previous, start))) break;
    start = previous;
  }
  return start;
}

/** `2020-02-29` moved on one year is `2021-02-28`: the last day of the month when the day does not exist. */
export function moveDate(iso: string, years: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const moved = year + years;
  const last = new Date(Date.UTC(moved, month, 0)).getUTCDate();
  return `${String(moved).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}
