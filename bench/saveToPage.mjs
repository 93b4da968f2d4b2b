// Save-to-page latency of `letters preview --serve`: the time from writing
// the data file to the moment the re-rendered letter has been served, as the
// page asks for it. A client here stands in for the browser: it listens to
// the letter's server-sent events and, on the event of the new version,
// fetches letter.html and letter.pdf at once, as the page's script does. The
// HTML view's latency ends when letter.html has arrived, the PDF view's when
// letter.pdf has (drawing it with pdf.js in a browser comes on top).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';

/** Median save-to-page times over `saves` saves of one data file in the project at `dir`. */
export async function measureSaveToPage(cli, dir, year, slug, saves = 10) {
  const server = spawn(process.execPath, [cli, 'preview', slug, '--year', year, '--serve', '--port', '0'], { cwd: dir });
  let printed = '';
  const url = await new Promise((resolve, reject) => {
    server.stdout.setEncoding('utf8').on('data', (text) => {
      printed += text;
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed);
      if (found) resolve(found[0]);
    });
    server.once('exit', (code) => reject(new Error(`preview --serve exited with ${code} before starting`)));
  });
  const base = `${url}letters/${year}/${slug}/`;
  const versions = versionEvents(`${base}events`);
  const file = join(dir, 'data', year, `${slug}.yaml`);
  const original = readFileSync(file, 'utf8');
  const html = [];
  const pdf = [];
  try {
    let version = (await versions.next()).value;
    // The page, opened, shows the letter as it is first: both views fetched once before any save.
    await Promise.all([fetched(`${base}letter.html?v=${version}`), fetched(`${base}letter.pdf?v=${version}`)]);
    for (let save = 1; save <= saves; save += 1) {
      // A real save of the file: a comment line added, so every save differs and is rendered in full.
      const started = performance.now();
      writeFileSync(file, `${original}# save ${save}\n`);
      do version = (await versions.next()).value;
      while (version < save + 1);
      const [htmlDone, pdfDone] = await Promise.all([fetched(`${base}letter.html?v=${version}`), fetched(`${base}letter.pdf?v=${version}`)]);
      html.push(Math.round(htmlDone - started));
      pdf.push(Math.round(pdfDone - started));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } finally {
    writeFileSync(file, original);
    versions.return();
    server.kill('SIGINT');
  }
  return { htmlMs: median(html), pdfMs: median(pdf), htmlSamples: html, pdfSamples: pdf };
}

/** The version of each `letter` event, as they arrive. */
async function* versionEvents(url) {
  const queue = [];
  let wake;
  const request = get(url, (response) => {
    let buffer = '';
    response.setEncoding('utf8').on('data', (text) => {
      buffer += text;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (data) queue.push(JSON.parse(data[1]).version);
        wake?.();
      }
    });
  });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise((resolve) => (wake = resolve));
      yield queue.shift();
    }
  } finally {
    request.destroy();
  }
}

/** When the whole response to GET `url` has arrived (performance.now()). */
function fetched(url) {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode}`));
      response.on('data', () => {}).on('end', () => resolve(performance.now()));
    }).on('error', reject);
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
