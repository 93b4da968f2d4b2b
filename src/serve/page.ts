import type { DataFile } from '../load/dataFiles.js';

/**
 * The preview page: the letter's PDF pages (drawn by pdf.js) and its HTML
 * letter side by side, the problems and warnings beside them, and a picker of
 * every letter, and a link to the year's published site where `letters
 * publish` has written one (`published`, its index). The page is plain HTML
 * that works as a form without script; the script (PAGE_SCRIPT) keeps it
 * live from the server's events.
 */
export function previewPage(letter: DataFile, letters: DataFile[], published?: string): string {
  const options = letters
    .map((other) => {
      const key = `${other.year}/${other.slug}`;
      const selected = other.file === letter.file ? ' selected' : '';
      return `<option value="${escape(key)}"${selected}>${escape(other.year)}: ${escape(other.slug)}</option>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${escape(letter.slug)} (${escape(letter.year)})</title>
<link rel="stylesheet" href="/assets/preview.css">
<script type="module" src="/assets/preview.js"></script>
</head>
<body data-version="0" data-html-version="0" data-pdf-version="0" data-stale="false">
<header>
<h1>Preview: ${escape(letter.slug)} (${escape(letter.year)})</h1>
<form method="get" action="/go" id="picker">
<label for="letter-picker">Letter</label>
<select id="letter-picker" name="letter">${options}</select>
<button type="submit">Show</button>
</form>
${published === undefined ? '' : `<p id="published"><a href="${escape(published)}">The published site of ${escape(letter.year)}</a></p>\n`}</header>
<main>
<aside aria-labelledby="problems-heading">
<h2 id="problems-heading">Problems and warnings</h2>
<p id="status" role="status">Waiting for the first render…</p>
<ul id="problems"></ul>
<ul id="warnings"></ul>
</aside>
<section aria-labelledby="pdf-heading">
<h2 id="pdf-heading">PDF</h2>
<div id="pdf-pages"></div>
</section>
<section aria-labelledby="html-heading">
<h2 id="html-heading">HTML letter</h2>
<iframe id="html-letter" title="HTML letter"></iframe>
</section>
</main>
</body>
</html>
`;
}

export const PAGE_STYLE = `
body { margin: 0; font-family: system-ui, sans-serif; color: #0b0c0c; background: #fff; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: 0.5rem 1rem; border-bottom: 1px solid #505a5f; }
h1 { font-size: 1.25rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 0.5rem 0; }
main { display: grid; grid-template-columns: minmax(16rem, 1fr) minmax(20rem, 2fr) minmax(20rem, 2fr); gap: 1rem; padding: 0 1rem 1rem; }
#status { font-weight: bold; }
body[data-stale="true"] #status { color: #942514; }
body[data-stale="true"] #pdf-pages, body[data-stale="true"] #html-letter { opacity: 0.6; outline: 4px solid #942514; }
#problems li { color: #942514; }
#warnings li { color: #0b0c0c; }
li { margin-bottom: 0.5rem; overflow-wrap: anywhere; }
li code { white-space: pre-wrap; }
#pdf-pages canvas { display: block; width: 100%; margin-bottom: 0.5rem; box-shadow: 0 0 0 1px #505a5f; }
#html-letter { width: 100%; height: calc(100vh - 8rem); border: 1px solid #505a5f; }
`;

/**
 * Runs in the page: listens to the letter's events, shows the problems, and
 * draws the new letter (HTML in the frame, PDF pages with pdf.js) of each
 * good version. data-* attributes on <body> say which version each view shows.
 */
export const PAGE_SCRIPT = `
import * as pdfjs from '/assets/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.mjs';

const body = document.body;
const frame = document.getElementById('html-letter');
const pages = document.getElementById('pdf-pages');
const picker = document.getElementById('letter-picker');
picker.addEventListener('change', () => document.getElementById('picker').requestSubmit());

function where(problem) {
  let place = problem.file ?? '';
  if (problem.file && problem.line !== undefined) place += ':' + problem.line + (problem.column !== undefined ? ':' + problem.column : '');
  return [place, problem.field].filter(Boolean).join('  ');
}

function list(id, problems, prefix) {
  const items = problems.map((problem) => {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = where(problem);
    item.append(code, document.createElement('br'), prefix + problem.message);
    return item;
  });
  document.getElementById(id).replaceChildren(...items);
}

let pdfDrawing = Promise.resolve();
async function drawPdf(version) {
  const pdf = await pdfjs.getDocument({ url: 'letter.pdf?v=' + version, isEvalSupported: false }).promise;
  const canvases = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale: 1.5 });
    const canvas = document.createElement('canvas');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'PDF page ' + number + ' of ' + pdf.numPages);
    await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
    canvases.push(canvas);
  }
  pages.replaceChildren(...canvases);
  body.dataset.pdfPages = String(pdf.numPages);
  body.dataset.pdfVersion = String(version);
  await pdf.destroy();
}

function show(state) {
  body.dataset.stale = String(state.stale);
  list('problems', state.problems, '');
  list('warnings', state.warnings, 'warning: ');
  const status = document.getElementById('status');
  if (state.problems.length > 0) {
    status.textContent = state.version > 0 ? 'Out of date: the letter shown is the last good one. Fix the problems below and save.' : 'This letter cannot be made yet: fix the problems below and save.';
  } else {
    status.textContent = 'Up to date' + (state.warnings.length > 0 ? ', with warnings.' : '.');
  }
  if (state.version > 0 && String(state.version) !== body.dataset.version) {
    body.dataset.version = String(state.version);
    frame.addEventListener('load', () => { body.dataset.htmlVersion = String(state.version); }, { once: true });
    frame.src = 'letter.html?v=' + state.version;
    pdfDrawing = pdfDrawing.then(() => drawPdf(state.version)).catch((error) => { status.textContent = 'The PDF could not be shown: ' + error.message; });
  }
  body.dataset.updates = String(Number(body.dataset.updates ?? 0) + 1);
}

const events = new EventSource('events');
events.addEventListener('letter', (event) => show(JSON.parse(event.data)));
`;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
