import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { axeViolations, launchBrowser } from '../browser.mjs';
import { ROOT, runCli } from '../helpers.js';
import { startLetters } from '../serve/liveProcess.js';

const LONG = 180_000;

/** Two authorities besides the shipped 2020 three: a unitary with a population, a district with every figure. */
const EXTRA: Record<string, string> = {
  'telford-and-wrekin-council.yaml': `authority:
  name: Telford & Wrekin Council
  type: unitary
  population: 180000
recipient: { title: Mr, surname: Sidaway, role: Chief Executive }
statistics:
  investigations: 20
  upheld: 10
  satisfactory_remedies: 2
  compliance: { outcomes: 5, complied: 4 }
`,
  'adur-district-council.yaml': `authority:
  name: Adur District Council
  type: district
recipient: { title: Ms, surname: Smith, role: Chief Executive, email: chief.executive@adur.example.org }
copies:
  - { email: monitoring.officer@adur.example.org, name: Sam Lee, role: Monitoring Officer }
statistics:
  investigations: 8
  upheld: 2
  satisfactory_remedies: 1
  compliance: { outcomes: 2, complied: 2 }
`,
};

const NAMES = ['Adur District Council', 'Knowsley Metropolitan Borough Council', 'Liverpool City Council', 'Telford & Wrekin Council', 'Worcester City Council'];
const SLUGS = ['adur-district-council', 'knowsley-metropolitan-borough-council', 'liverpool-city-council', 'telford-and-wrekin-council', 'worcester-city-council'];

const made: string[] = [];
/** The shipped templates and 2020 data plus EXTRA, in a folder of its own (kept for the whole file, removed after it). */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'letters-publish-'));
  made.push(dir);
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  cpSync(join(ROOT, 'data', '2020'), join(dir, 'data', '2020'), { recursive: true });
  for (const [name, text] of Object.entries(EXTRA)) writeFileSync(join(dir, 'data', '2020', name), text);
  return dir;
}

let dir: string;
let site: string;
let browser: Browser;

beforeAll(async () => {
  dir = project();
  site = join(dir, 'out', '2020', 'site');
  const built = runCli(['build', '--year', '2020', '--quiet'], dir);
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
  const published = runCli(['publish', '--year', '2020'], dir);
  expect(published).toEqual({ code: 0, stdout: `published 5 letters of 2020: ${join('out', '2020', 'site', 'index.html')}\n`, stderr: '' });
  browser = await launchBrowser();
}, LONG);

afterAll(async () => {
  await browser?.close();
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** Every file of a folder, by its path inside it. */
function filesOf(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(folder, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}

/** The figures a built text letter states, as the index should show them. */
function statedFigures(slug: string): { investigations: string; upheld: string; compliance: string; remedies: string } | undefined {
  const text = readFileSync(join(dir, 'out', '2020', `${slug}.txt`), 'utf8');
  const investigations = /based on a total of (\d+) detailed investigations/.exec(text)?.[1];
  if (investigations === undefined) return undefined;
  return {
    investigations,
    upheld: `${/(\d+)% of complaints we investigated were upheld/.exec(text)![1]}%`,
    compliance: `${/In (\d+)% of cases we were satisfied the authority had successfully implemented/.exec(text)![1]}%`,
    remedies: `${/In (\d+)% of upheld cases we found the authority had provided a satisfactory remedy/.exec(text)![1]}%`,
  };
}

async function open(file: string, options: { javascript?: boolean; bypassCsp?: boolean } = {}): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.setJavaScriptEnabled(options.javascript ?? true);
  if (options.bypassCsp) await page.setBypassCSP(true);
  await page.goto(pathToFileURL(join(site, file)).href, { waitUntil: 'load' });
  return { page, requests, errors };
}

/** The index table's visible rows, each cell's text. */
async function tableRows(page: Page): Promise<string[][]> {
  return page.$$eval('#authorities tbody tr', (rows) => rows.filter((row) => !(row as HTMLElement).hidden).map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => (cell as HTMLElement).innerText.trim())));
}

describe('letters publish: the index', () => {
  it('lists every authority by name with the figures its letter states, and no statistics never as 0%', async () => {
    const { page, requests, errors } = await open('index.html');
    try {
      const headers = await page.$$eval('#authorities thead th', (cells) => cells.map((cell) => (cell as HTMLElement).innerText.trim()));
      expect(headers).toEqual(['Authority', 'Type', 'Investigations', 'Upheld %', 'Compliance %', 'Satisfactory remedy %', 'Upheld per 100,000 residents', 'Letter']);
      const rows = await tableRows(page);
      expect(rows.map((row) => row[0])).toEqual(NAMES);
      for (const [index, slug] of SLUGS.entries()) {
        const stated = statedFigures(slug);
        const row = rows[index]!;
        if (stated) expect(row.slice(2, 6)).toEqual([stated.investigations, stated.upheld, stated.compliance, stated.remedies]);
        else expect(row.slice(2, 7)).toEqual(['no statistics', 'no statistics', 'no statistics', 'no statistics', 'no statistics']);
      }
      // The shipped letters without a statistics page are the ones shown so.
      expect(statedFigures('liverpool-city-council')).toBeUndefined();
      expect(statedFigures('worcester-city-council')).toBeUndefined();
      expect(rows.map((row) => row[6])).toEqual(['no population given', 'no population given', 'no statistics', '5.6', 'no statistics']);
      expect(rows.map((row) => row[1])).toEqual(['District Council', 'Metropolitan Borough', 'Metropolitan Borough', 'Unitary Authority', 'District Council']);
      // The script ran under the page's own policy, and nothing was fetched but the page itself.
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(join(site, 'index.html')).href]);
    } finally {
      await page.close();
    }
  });

  it('sorts by any column and filters by type with script, rows without a figure last', async () => {
    const { page } = await open('index.html');
    try {
      const upheld = 'th:nth-child(4) button';
      await page.click(upheld);
      expect(await page.$eval('#authorities thead th:nth-child(4)', (cell) => cell.getAttribute('aria-sort'))).toBe('ascending');
      expect((await tableRows(page)).map((row) => [row[0], row[3]])).toEqual([
        ['Adur District Council', '25%'],
        ['Telford & Wrekin Council', '50%'],
        ['Knowsley Metropolitan Borough Council', '75%'],
        ['Liverpool City Council', 'no statistics'],
        ['Worcester City Council', 'no statistics'],
      ]);
      await page.click(upheld);
      expect(await page.$eval('#authorities thead th:nth-child(4)', (cell) => cell.getAttribute('aria-sort'))).toBe('descending');
      expect((await tableRows(page)).map((row) => row[0])).toEqual(['Knowsley Metropolitan Borough Council', 'Telford & Wrekin Council', 'Adur District Council', 'Liverpool City Council', 'Worcester City Council']);
      await page.click('th:nth-child(1) button');
      await page.click('th:nth-child(1) button');
      expect((await tableRows(page)).map((row) => row[0])).toEqual([...NAMES].reverse());

      await page.select('#type-filter', 'district');
      expect((await tableRows(page)).map((row) => row[0])).toEqual(['Worcester City Council', 'Adur District Council']);
      expect(await page.$eval('#shown', (status) => status.textContent)).toBe('2 of 5 shown');
      await page.select('#type-filter', '');
      expect(await tableRows(page)).toHaveLength(5);
      expect(await page.$eval('#shown', (status) => status.textContent)).toBe('5 of 5 shown');
    } finally {
      await page.close();
    }
  });

  it('is whole and readable with script off: every row, no dead controls', async () => {
    const { page } = await open('index.html', { javascript: false });
    try {
      expect((await tableRows(page)).map((row) => row[0])).toEqual(NAMES);
      expect(await page.$$('#authorities button')).toHaveLength(0);
      expect(await page.$('#type-filter')).toBeNull();
    } finally {
      await page.close();
    }
  });

  it('has the three pictures inlined, one labelled mark per authority with the figure and one per average', async () => {
    const { page } = await open('index.html');
    try {
      const pictures = await page.$$eval('figure', (figures) =>
        figures.map((figure) => ({
          caption: figure.querySelector('figcaption')!.textContent,
          marks: Array.from(figure.querySelectorAll('svg path[role="graphics-symbol"]'), (mark) => [mark.getAttribute('aria-label'), mark.querySelector('title')?.textContent]),
          alt: figure.querySelector('p')!.textContent,
        })),
      );
      expect(pictures.map((picture) => picture.caption)).toEqual(['Complaints upheld', "Compliance with the Ombudsman's recommendations", 'Satisfactory remedies provided by the authority']);
      const upheld = pictures[0]!;
      const labels = [
        'Adur District Council, District Council: 25%',
        'Knowsley Metropolitan Borough Council, Metropolitan Borough: 75%',
        'Telford & Wrekin Council, Unitary Authority: 50%',
        'Metropolitan Borough average: 67%',
      ];
      expect(upheld.marks).toEqual(labels.map((label) => [label, label]));
      for (const picture of pictures) {
        expect(picture.marks).toHaveLength(4);
        expect(picture.alt).toContain('Not drawn, no statistics: Liverpool City Council, Worcester City Council.');
        expect(picture.alt).not.toMatch(/Liverpool City Council[^.]*0%/);
      }
      expect(upheld.alt).toBe(
        "Upheld % of each authority, one dot per authority in the row of its type; a bar marks the type's average. " +
          'District Council: 1 authority, 25%, no average given. Metropolitan Borough: 1 authority, 75%, average 67%. Unitary Authority: 1 authority, 50%, no average given. ' +
          'Not drawn, no statistics: Liverpool City Council, Worcester City Council.',
      );
      const table = await page.$$eval('#picture-upheld table tbody tr', (rows) => rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent)));
      expect(table).toEqual([
        ['Adur District Council', 'District Council', '25%', 'none given'],
        ['Worcester City Council', 'District Council', 'no statistics', 'none given'],
        ['Knowsley Metropolitan Borough Council', 'Metropolitan Borough', '75%', '67%'],
        ['Liverpool City Council', 'Metropolitan Borough', 'no statistics', '67%'],
        ['Telford & Wrekin Council', 'Unitary Authority', '50%', 'none given'],
      ]);
    } finally {
      await page.close();
    }
  });
});

describe('letters publish: the site', () => {
  it('has a page per authority, the letters as built, and every link and source resolves to a file in the site', () => {
    const files = filesOf(site);
    for (const slug of SLUGS) {
      expect(files.get(`letters/${slug}.html`)).toEqual(readFileSync(join(dir, 'out', '2020', `${slug}.html`)));
      expect(files.get(`letters/${slug}.pdf`)).toEqual(readFileSync(join(dir, 'out', '2020', `${slug}.pdf`)));
      expect(files.has(`authorities/${slug}.html`)).toBe(true);
    }
    const pages = [...files.keys()].filter((path) => path.endsWith('.html'));
    let links = 0;
    for (const path of pages) {
      const html = files.get(path)!.toString('utf8');
      expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
      if (!path.startsWith('letters/')) {
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src `);
        expect(html).toContain("style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">");
      }
      for (const [, attribute, target] of html.matchAll(/\b(href|src)="([^"]*)"/g)) {
        // The letters' own links to the Ombudsman's website and mail addresses are where a reader may go, never fetched by the page.
        if (attribute === 'href' && /^(https?:\/\/|mailto:)/.test(target!)) continue;
        if (attribute === 'src' && target!.startsWith('data:')) continue;
        expect(target, `${path}: ${target}`).not.toMatch(/^[a-z]+:|^\/|^#$/i);
        const file = resolve(dirname(join(site, path)), target!.split('#')[0]!);
        expect(file.startsWith(site + sep), `${path}: ${target}`).toBe(true);
        expect(statSync(file).isFile(), `${path}: ${target}`).toBe(true);
        links += 1;
      }
    }
    // Index: 5 names, 10 letters, the data page; each authority page: 4; the data page: 3.
    expect(links).toBe(16 + 5 * 4 + 3);
  });

  it('shows an authority without statistics as such on its page', async () => {
    const { page } = await open('authorities/liverpool-city-council.html');
    try {
      const text = await page.$eval('main', (main) => main.innerText);
      expect(text).toContain('The letter has no statistics page: this authority has no statistics for the year.');
      // The page's own part (the letter after it speaks of "100%" in its fixed text).
      expect(text.slice(0, text.indexOf('\nThe letter\n'))).not.toMatch(/\d%/);
      expect(await page.$eval('.letter h1', (heading) => heading.textContent)).toBe('Annual Review letter 2020');
    } finally {
      await page.close();
    }
  });

  it('gives an authority page its figures as its letter states them, beside the averages', async () => {
    const { page } = await open('authorities/knowsley-metropolitan-borough-council.html');
    try {
      const rows = await page.$$eval('main table:first-of-type tbody tr', (trs) => trs.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent)));
      expect(rows).toEqual([
        ['Detailed investigations', '12', ''],
        ['Upheld', '9', ''],
        ['Compliance outcomes', '4', ''],
        ['Recommendations complied with', '4', ''],
        ['Satisfactory remedies provided by the authority', '3', ''],
        ['Upheld %', '75%', '67%'],
        ['Compliance %', '100%', '100%'],
        ['Satisfactory remedy %', '33%', '11%'],
      ]);
    } finally {
      await page.close();
    }
  });

  it('has no axe-core violations on the index, an authority page and the data page', async () => {
    for (const file of ['index.html', 'authorities/knowsley-metropolitan-borough-council.html', 'authorities/worcester-city-council.html', 'data.html']) {
      const { page } = await open(file, { bypassCsp: true });
      try {
        expect({ file, violations: await axeViolations(page) }).toEqual({ file, violations: [] });
      } finally {
        await page.close();
      }
    }
  }, LONG);

  it('gives open data as CSV and JSON that agree with each other, the data files and the letters', () => {
    const csv = parseCsv(readFileSync(join(site, '2020.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const json = JSON.parse(readFileSync(join(site, '2020.json'), 'utf8')) as { year: string; columns: { header: string; field: string; meaning: string }[]; authorities: Record<string, string | number | boolean | null>[] };
    expect(json.year).toBe('2020');
    expect(readFileSync(join(site, '2020.csv'), 'utf8').split('\n')[0]).toBe(
      'slug,Authority,Authority type,Shared with,Recipient title,Recipient forename,Recipient surname,Recipient role,Training courses,Training course kind,' +
        'Delay extended cases,Delay incomplete responses,Delay proportion,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied,Uphold rate,' +
        'Statistics,Upheld %,Upheld %: average of similar authorities,Compliance %,Compliance %: average of similar authorities,Satisfactory remedy %,Satisfactory remedy %: average of similar authorities,"Upheld per 100,000 residents"',
    );
    expect(csv.map((row) => row.slug)).toEqual(SLUGS);
    expect(json.authorities.map((row) => row.slug)).toEqual(SLUGS);
    expect(json.columns.map((column) => column.header)).toEqual(Object.keys(csv[0]!));
    for (const [index, slug] of SLUGS.entries()) {
      const data = parseYaml(readFileSync(join(dir, 'data', '2020', `${slug}.yaml`), 'utf8'));
      const row = json.authorities[index]!;
      // CSV and JSON hold the same values: the CSV as text, yes/no for true/false, blank for none.
      for (const column of json.columns) {
        const value = row[column.field];
        expect(csv[index]![column.header], `${slug} ${column.header}`).toBe(value === null ? '' : value === true ? 'yes' : value === false ? 'no' : String(value));
      }
      expect(row['authority.name']).toBe(data.authority.name);
      expect(row['statistics.investigations']).toBe(data.statistics?.investigations ?? null);
      expect(row['statistics.upheld']).toBe(data.statistics?.upheld ?? null);
      expect(row['statistics.compliance.complied']).toBe(data.statistics?.compliance.complied ?? null);
      expect(row['computed.statistics']).toBe(data.statistics !== undefined);
      const stated = statedFigures(slug);
      if (stated) {
        expect(`${row['computed.upheld_rate']}%`).toBe(stated.upheld);
        expect(`${row['computed.compliance_rate']}%`).toBe(stated.compliance);
        expect(`${row['computed.remedies_rate']}%`).toBe(stated.remedies);
      } else if (data.statistics === undefined) {
        expect([row['computed.upheld_rate'], row['computed.compliance_rate'], row['computed.remedies_rate']]).toEqual([null, null, null]);
      }
    }
    expect(json.authorities[3]!['computed.upheld_per_100000']).toBe(5.6);
    // The CSV is a sheet `letters import` reads: importing it again changes nothing.
    const imported = runCli(['import', join(site, '2020.csv'), '--year', '2020', '--dry-run'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.split('\n').filter(Boolean).at(-1)).toBe('5 rows read: 0 created, 0 updated, 5 unchanged, 0 rows skipped (dry run: nothing written)');
    // No address goes out with the open data: not the recipient's, not the copies'.
    expect(json.columns.filter((column) => column.field.endsWith('email') || column.field === 'copies')).toEqual([]);
    for (const file of ['2020.csv', '2020.json']) expect(readFileSync(join(site, file), 'utf8')).not.toContain('adur.example.org');
  });

  it('gives the same bytes when published again', () => {
    const before = filesOf(site);
    expect(runCli(['publish', '--year', '2020'], dir).code).toBe(0);
    expect(filesOf(site)).toEqual(before);
    const other = join(dir, 'other-site');
    expect(runCli(['publish', '--year', '2020', '--site', other], dir)).toEqual({ code: 0, stdout: `published 5 letters of 2020: ${join(other, 'index.html')}\n`, stderr: '' });
    expect(filesOf(other)).toEqual(before);
  });
});

describe('letters publish: what it refuses', () => {
  it('refuses a year with no templates', () => {
    expect(runCli(['publish', '--year', '1999'], dir)).toEqual({ code: 1, stdout: '', stderr: 'error: no template for year 1999 (years with templates: 2018, 2020, 2024; `letters new-year 1999` starts it)\n' });
  });

  it('refuses letters not built, or built before their data changed, and says which', () => {
    const fresh = project();
    const notBuilt = SLUGS.map((slug) => `${join('data', '2020', `${slug}.yaml`)}  not published: not built: it is not in ${join('out', '2020', 'manifest.json')} (\`letters build --year 2020\`)\n`).join('');
    expect(runCli(['publish', '--year', '2020'], fresh)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${notBuilt}nothing published: 5 letters are not ready (\`letters publish --draft\` publishes the letters as they are now, marked as drafts)\n`,
    });
    const adur = join(dir, 'data', '2020', 'adur-district-council.yaml');
    const original = readFileSync(adur, 'utf8');
    try {
      writeFileSync(adur, original.replace('upheld: 2', 'upheld: 3'));
      const before = filesOf(site);
      expect(runCli(['publish', '--year', '2020'], dir)).toEqual({
        code: 1,
        stdout: '',
        stderr:
          "data/2020/adur-district-council.yaml  not published: out of date: its data or the year's templates changed since it was built (`letters build --year 2020`)\n" +
          'nothing published: 1 letter is not ready (`letters publish --draft` publishes the letters as they are now, marked as drafts)\n',
      });
      // The site published before is left as it was.
      expect(filesOf(site)).toEqual(before);
    } finally {
      writeFileSync(adur, original);
    }
  });

  it('refuses letters built without their HTML and PDF, and a year marked for review', () => {
    const textOnly = project();
    expect(runCli(['build', '--year', '2020', '--format', 'text', '--quiet'], textOnly).code).toBe(0);
    const noHtml = SLUGS.map((slug) => `${join('data', '2020', `${slug}.yaml`)}  not published: no HTML was built (\`letters build --year 2020 --format html\`)\n`).join('');
    expect(runCli(['publish', '--year', '2020'], textOnly)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${noHtml}nothing published: 5 letters are not ready (\`letters publish --draft\` publishes the letters as they are now, marked as drafts)\n`,
    });
    const yearFile = join(textOnly, 'templates', '2020', 'year.yaml');
    writeFileSync(yearFile, readFileSync(yearFile, 'utf8').replace('letter_date: 2020-07-22', 'letter_date: 2020-07-22 # REVIEW: check the date'));
    const held = SLUGS.map((slug) => `${join('data', '2020', `${slug}.yaml`)}  not published: the year 2020 has a problem (\`letters validate --year 2020\`)\n`).join('');
    expect(runCli(['publish', '--year', '2020'], textOnly)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${join('templates', '2020', 'year.yaml')}:6:25  marked for review: check the date\n${held}nothing published: 5 letters are not ready and the year 2020 has problems (\`letters publish --draft\` publishes the letters as they are now, marked as drafts)\n`,
    });
  });

  it('refuses a year whose statistics the site does not show', () => {
    const dir2018 = project();
    cpSync(join(ROOT, 'data', '2018'), join(dir2018, 'data', '2018'), { recursive: true });
    expect(runCli(['publish', '--year', '2018', '--draft'], dir2018)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: the 2018 letters give their statistics as tables: `letters publish` shows years whose statistics are outcomes (2020 on)\n',
    });
  });

  it('never replaces a folder it did not write', () => {
    const mine = join(dir, 'mine');
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    cpSync(join(dir, 'keep.txt'), join(mine, 'keep.txt'));
    expect(runCli(['publish', '--year', '2020', '--site', mine], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${mine} exists and is not a site \`letters publish\` wrote: give another --site, or remove it\n`,
    });
    expect(readdirSync(mine)).toEqual(['keep.txt']);
  });

  it('finishes what a publish killed on the way left: the old site put back, the half-made one removed', () => {
    const target = join(dir, 'killed-site');
    expect(runCli(['publish', '--year', '2020', '--site', target], dir).code).toBe(0);
    const published = filesOf(target);
    // A process that is no longer running, killed after moving the old site aside and before putting the new one in place.
    const dead = 4194303;
    renameSync(target, join(dir, `.killed-site.${dead}.old`));
    mkdirSync(join(dir, `.killed-site.${dead}.new`));
    writeFileSync(join(dir, `.killed-site.${dead}.new`, 'index.html'), 'half');
    expect(runCli(['publish', '--year', '2020', '--site', target], dir).code).toBe(0);
    expect(filesOf(target)).toEqual(published);
    expect(readdirSync(dir).filter((name) => name.startsWith('.killed-site.'))).toEqual([]);
  });

  it('needs --year', () => {
    const result = runCli(['publish'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: required option '--year <year>' not specified\n(run with --help for usage)\n");
  });
});

describe('letters publish --draft', () => {
  it('publishes the letters as they are now, unbuilt, every page marked as a draft', () => {
    const fresh = project();
    const result = runCli(['publish', '--year', '2020', '--draft'], fresh);
    expect(result).toEqual({ code: 0, stdout: `published 5 letters of 2020 as drafts: ${join('out', '2020', 'site', 'index.html')}\n`, stderr: '' });
    const files = filesOf(join(fresh, 'out', '2020', 'site'));
    for (const [path, bytes] of files) {
      if (!path.endsWith('.html')) continue;
      const html = bytes.toString('utf8');
      if (path.startsWith('letters/')) expect(html, path).toContain('<p class="draft-mark">Draft: not the letter to send</p>');
      else {
        expect(html, path).toContain('<p class="draft-mark">Draft: not the published letters</p>');
        expect(html, path).toMatch(/<title>Draft – /);
      }
    }
    expect(files.get('letters/knowsley-metropolitan-borough-council.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
  }, LONG);
});

describe('letters publish: a year whose only authority has nothing to divide by', () => {
  it('says why each rate is missing, never 0%, and draws no dot', () => {
    const dir2024 = project();
    cpSync(join(ROOT, 'data', '2024'), join(dir2024, 'data', '2024'), { recursive: true });
    expect(runCli(['build', '--year', '2024', '--quiet'], dir2024).code).toBe(0);
    expect(runCli(['publish', '--year', '2024'], dir2024).code).toBe(0);
    const index = readFileSync(join(dir2024, 'out', '2024', 'site', 'index.html'), 'utf8');
    expect(index).toContain(
      '<td>Combined Authority</td><td class="number" data-value="0">0</td><td>no investigations</td><td>no compliance outcomes</td><td>none upheld</td>',
    );
    expect(index).not.toContain('role="graphics-symbol"');
    expect(index).toContain('<p id="upheld-alt">Upheld % of each authority, one dot per authority in the row of its type; a bar marks the type\'s average. Not drawn, no investigations: Liverpool City Region Combined Authority.</p>');
    expect(index.match(/>No authority has this figure<\/text>/g)).toHaveLength(3);
  });
});

describe('letters preview --serve and the published site', () => {
  it('links to the published index of the year it shows, served as published; no link where none is published', async () => {
    const server = startLetters(['preview', 'knowsley', '--serve', '--port', '0'], dir);
    try {
      const [url] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+\//);
      const page = await (await fetch(new URL('/letters/2020/knowsley-metropolitan-borough-council/', url!))).text();
      expect(page).toContain('<p id="published"><a href="/site/2020/index.html">The published site of 2020</a></p>');
      const index = await fetch(new URL('/site/2020/index.html', url!));
      expect(index.status).toBe(200);
      expect(Buffer.from(await index.arrayBuffer())).toEqual(readFileSync(join(site, 'index.html')));
      const pdf = await fetch(new URL('/site/2020/letters/knowsley-metropolitan-borough-council.pdf', url!));
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer())).toEqual(readFileSync(join(site, 'letters', 'knowsley-metropolitan-borough-council.pdf')));
      for (const path of ['/site/2020/.letters-site', '/site/2020/../manifest.json', '/site/2020/%2e%2e/manifest.json', '/site/2020/other/x.html']) {
        expect((await fetch(new URL(path, url!))).status, path).toBe(404);
      }
    } finally {
      await server.interrupt();
    }
    const unpublished = project();
    const other = startLetters(['preview', 'knowsley', '--serve', '--port', '0'], unpublished);
    try {
      const [url] = await other.waitFor(/http:\/\/127\.0\.0\.1:\d+\//);
      const page = await (await fetch(new URL('/letters/2020/knowsley-metropolitan-borough-council/', url!))).text();
      expect(page).not.toContain('id="published"');
    } finally {
      await other.interrupt();
    }
  }, LONG);
});
