// Makes the shipped years' letterhead, templates/<year>/letterhead.svg: the
// words of the letterhead partial (templates/partials/letterhead.md.hbs) in
// the house style, drawn as the outlines of the letters' own Roboto, so the
// SVG needs no font and the PDF draws it as vectors. Its last word (the
// capitals, "OMBUDSMAN") is the large second line. Run it after changing the
// words or the look, then `npm run pdf-hashes`:
//
//   npm run build && node scripts/letterheadSvg.mjs [year…]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { fontFiles } from '../dist/writers/pdf/fonts.js';
import { BRAND } from '../dist/writers/pdf/styles.js';

const ROOT = join(import.meta.dirname, '..');
const years = process.argv.length > 2 ? process.argv.slice(2) : ['2018', '2020', '2024'];

const partial = readFileSync(join(ROOT, 'templates/partials/letterhead.md.hbs'), 'utf8');
const words = /^:::letterhead\n([\s\S]*?)\n:::/m.exec(partial)?.[1]?.trim();
if (!words) throw new Error('templates/partials/letterhead.md.hbs holds no :::letterhead block');
const cut = words.lastIndexOf(' ');
const [upper, lower] = [words.slice(0, cut), words.slice(cut + 1)];

const [regular, bold] = fontFiles().map((file) => fontkit.openSync(file));

/** One line of text as a path: its outline, at `size` (px), its baseline at `y`; with its width. */
function line(font, text, size, y, tracking = 0) {
  const run = font.layout(text);
  const scale = size / font.unitsPerEm;
  let x = 0;
  const parts = [];
  run.glyphs.forEach((glyph, index) => {
    const path = glyph.path.scale(scale, -scale).translate(x, y).toSVG();
    if (path) parts.push(path);
    x += run.positions[index].xAdvance * scale + tracking;
  });
  return { d: parts.join(''), width: x - tracking };
}

const top = line(regular, upper, 15, 15);
const bottom = line(bold, lower, 30, 44, 1.5);
const width = Math.ceil(Math.max(top.width, bottom.width));
const round = (d) => d.replace(/-?\d+\.\d+/g, (number) => String(Math.round(Number(number) * 10) / 10));
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 48" width="${width}" height="48">
<path fill="${BRAND}" d="${round(top.d)}"/>
<path fill="${BRAND}" d="${round(bottom.d)}"/>
</svg>
`;
for (const year of years) writeFileSync(join(ROOT, 'templates', year, 'letterhead.svg'), svg);
process.stdout.write(`letterhead.svg (${svg.length} bytes, ${width}×48) written for ${years.join(', ')}\n`);
