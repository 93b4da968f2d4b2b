import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readPdf } from '../pdf/readPdf.js';
import { readTags, type Element } from '../pdf/readTags.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

vi.setConfig({ testTimeout: 120_000 });

/**
 * A year started by `letters new-year` carries `# REVIEW:` comments above
 * last year's figures: each is a problem until removed, so no final letter
 * is made from last year's words; `--draft` builds marked drafts.
 */
const averagesNote = "these averages are 2024's, copied by `letters new-year`. Type 2025's (`letters averages --year 2025` computes them from the data), or write `averages: from-data`; then remove this comment.";
const factsNote = "these facts are 2024's, copied by `letters new-year`. Check each for 2025, then remove this comment.";
const reviewLines = [
  `templates/2025/year.yaml:13:1  marked for review: ${averagesNote}`,
  `templates/2025/year.yaml:17:1  marked for review: ${factsNote}`,
];
const ANYTOWN = 'authority: { name: Anytown Council, type: district }\nrecipient: { title: Ms, surname: Shah, role: Chief Executive }\nstatistics: { investigations: 10, upheld: 5, satisfactory_remedies: 1, compliance: { outcomes: 2, complied: 2 } }\n';
const NO_AVERAGES = 'data/2025/anytown-council.yaml:1:43  authority.type  warning: the year has no averages for district: the "compares to an average" lines are left out';

/** The shipped project moved on to 2025, with one letter of data filled in. */
function newYear(): string {
  const dir = tempDir();
  for (const folder of ['data', 'templates']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  expect(runCli(['new-year', '2025'], dir).code).toBe(0);
  rmSync(join(dir, 'data/2025/liverpool-city-region-combined-authority.yaml'));
  writeFileSync(join(dir, 'data/2025/anytown-council.yaml'), ANYTOWN);
  writeFileSync(join(dir, 'data/2025/bytown-council.yaml'), ANYTOWN.replace('Anytown', 'Bytown').replace('Shah', 'Jones'));
  return dir;
}

describe('REVIEW: comments in year.yaml', () => {
  it('fail letters build (exit 1, nothing written) and letters validate, naming each line and what to check', () => {
    const dir = newYear();
    const built = runCli(['build', '--year', '2025', '--out', 'out'], dir);
    expect(built).toEqual({ code: 1, stdout: '', stderr: [...reviewLines, '2 problems in 1 file', 'nothing written (use --keep-going to write the valid letters)', ''].join('\n') });
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(runCli(['validate', '--year', '2025'], dir)).toEqual({ code: 1, stdout: '', stderr: [...reviewLines, '2 problems in 1 file', ''].join('\n') });
  });

  it('do not stop preview or averages, the steps that review the year: there they are warnings', () => {
    const dir = newYear();
    const preview = runCli(['preview', 'anytown', '--year', '2025'], dir);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Dear Ms Shah\n');
    expect(preview.stderr).toBe([NO_AVERAGES, ...reviewLines.map((line) => line.replace('1  marked', '1  warning: marked'))].join('\n') + '\n');
    expect(runCli(['averages', '--year', '2025'], dir).code).toBe(0);
  });

  it('once removed, the year builds its final letters, remaking the drafts', () => {
    const dir = newYear();
    expect(runCli(['build', '--year', '2025', '--format', 'html', '--out', 'out', '--draft'], dir).code).toBe(0);
    const yearFile = join(dir, 'templates/2025/year.yaml');
    writeFileSync(yearFile, readFileSync(yearFile, 'utf8').replace(/^# REVIEW:.*\n/gm, ''));
    const built = runCli(['build', '--year', '2025', '--format', 'html', '--out', 'out'], dir);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^2 letters \(2 written, 0 skipped unchanged\)/);
    const html = readFileSync(join(dir, 'out/2025/anytown-council.html'), 'utf8');
    expect(html).toContain('<title>Annual Review letter 2023-24 – Anytown Council</title>');
    expect(html).not.toContain('Draft');
    const manifest = JSON.parse(readFileSync(join(dir, 'out/2025/manifest.json'), 'utf8'));
    expect(manifest.letters['anytown-council'].draft).toBeUndefined();
  });
});

describe('letters build --draft', () => {
  it('builds anyway, marking each PDF and HTML letter as a draft, recorded in the manifest', async () => {
    const dir = newYear();
    const built = runCli(['build', '--year', '2025', '--out', 'out', '--draft'], dir);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toBe([NO_AVERAGES, NO_AVERAGES.replace('anytown', 'bytown').replace(':1:43', ':1:42'), ...reviewLines.map((line) => line.replace('1  marked', '1  warning: marked')), ''].join('\n'));
    expect(built.stdout).toMatch(/^2 letters \(2 written, 0 skipped unchanged\) in \d+\.\d s; warnings: 4\n$/);
    expect(readdirSync(join(dir, 'out/2025')).sort()).toEqual([
      'anytown-council.html', 'anytown-council.pdf', 'anytown-council.txt',
      'bytown-council.html', 'bytown-council.pdf', 'bytown-council.txt', 'manifest.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/2025/manifest.json'), 'utf8'));
    expect(manifest.letters['anytown-council'].draft).toBe(true);

    const html = readFileSync(join(dir, 'out/2025/anytown-council.html'), 'utf8');
    expect(html).toContain('<title>DRAFT – Annual Review letter 2023-24 – Anytown Council</title>');
    expect(html).toContain('<main>\n<p class="draft-mark">Draft: not the letter to send</p>\n<div class="letter"');

    const bytes = readFileSync(join(dir, 'out/2025/anytown-council.pdf'));
    const pdf = await readPdf(bytes);
    expect(pdf.info.Title).toBe('DRAFT – Annual Review letter 2023-24 – Anytown Council');
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const page of pdf.pages) expect(page.split('\n').filter((line) => line.trim() === 'Draft')).toEqual(['Draft']);
    // The mark is an artifact: in no element of the structure tree, and no text is left unmarked.
    const tags = await readTags(bytes);
    expect(tags.unmarked).toEqual(tags.pages.map(() => []));
    const text = (elements: Element[]): string => elements.map((e) => e.text).join(' ');
    expect(text(tags.roots)).not.toMatch(/\bDraft\b/);
    expect(text(tags.roots)).toContain('Dear Ms Shah');
    // The text letter, compared with the published words, is not marked.
    expect(readFileSync(join(dir, 'out/2025/anytown-council.txt'), 'utf8')).not.toContain('Draft');
  });

  it('a draft rerun skips the drafts already made from the same inputs', () => {
    const dir = newYear();
    const first = runCli(['build', '--year', '2025', '--format', 'text', '--out', 'out', '--draft'], dir);
    expect(first.stdout).toMatch(/^2 letters \(2 written, 0 skipped unchanged\)/);
    expect(runCli(['build', '--year', '2025', '--format', 'text', '--out', 'out', '--draft'], dir).stdout).toMatch(/^2 letters \(0 written, 2 skipped unchanged\)/);
  });
});
