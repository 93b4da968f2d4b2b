#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { shortcutsOn } from './engine/switch.js';
import { EXIT_FAILURE, EXIT_USAGE, LettersError, formatProblem } from './errors.js';
import { VERSION } from './version.js';

/**
 * The `letters` command line: declarations only. Each command's code is
 * imported when that command runs, so `letters preview` does not pay for
 * what `letters build --format pdf` needs. Exit codes are decided here.
 */
const program = new Command('letters')
  .description("Render the Local Government and Social Care Ombudsman's annual review letters from data.")
  .version(VERSION)
  .option('--debug', 'show the stack trace of an unexpected error')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

const dataOption = () => new Option('--data <dir>', 'folder of data files, one folder per year').default('data');
const templatesOption = () => new Option('--templates <dir>', 'folder of year templates').default('templates');
const yearOption = () => new Option('--year <year>', 'only this year (four digits)').argParser(parseYear);

program
  .command('build')
  .description('Validate every data file, then write every letter into --out/<year>/<slug>.<ext>, with out/<year>/manifest.json.')
  .addOption(yearOption())
  .option('--authority <name>', 'only this authority (slug, unique prefix or name)')
  .addOption(new Option('--format <format>', 'what to write: text, pdf, html, several joined by commas (text,pdf), or all').default('all'))
  .addOption(dataOption())
  .addOption(templatesOption())
  .option('--out <dir>', 'output folder', 'out')
  .option('--keep-going', 'write every valid letter even when some data files are bad (exit 1 at the end)')
  .addOption(
    new Option('--jobs <n>', 'worker threads (default: one per core)').argParser((value) => {
      if (!/^[1-9]\d*$/.test(value)) throw new CommanderError(EXIT_USAGE, 'letters.jobs', `error: --jobs takes a whole number of threads, at least 1 (got "${value}")`);
      return Number(value);
    }),
  )
  .option('--force', 'remake every letter, even those whose inputs are unchanged')
  .option('--keep-removed', 'keep the letters whose data file is gone (a whole year\'s build removes them from out/<year>/)')
  .option('--draft', 'build a year still marked for review (# REVIEW: in year.yaml), every letter marked as a draft')
  .option('--quiet', 'print only errors: no progress, warnings or summary')
  .option('--json', 'print the summary as JSON on stdout')
  .addHelpText('after', '\nExamples:\n  letters build\n  letters build --year 2020 --format text --jobs 4\n  letters build --year 2020 --authority knowsley --out /tmp/letters')
  .action(async (options) => run(async () => (await import('./commands/build.js')).buildCommand(options)));

program
  .command('preview')
  .description("Print one authority's letter as text or HTML, or write it as a PDF.")
  .argument('<authority>', 'slug, unique slug prefix, or name (any case)')
  .addOption(yearOption())
  .option('--format <format>', 'text (default) or html on stdout, or pdf as --pdf')
  .option('--pdf [file]', 'write a PDF (default out/preview/<slug>.pdf) and print its path')
  .option('--serve', 'show the letter in the browser, live: a local server at http://127.0.0.1:<port>/')
  .addOption(new Option('--port <n>', 'port for --serve (default 4173; 0: any free port)').argParser(parsePort))
  .option('--out <dir>', 'for --serve: the output folder `letters publish` wrote to, so the page links to the year\'s published site (default out)')
  .option('--watch', 'print the text letter again on every save, until Ctrl-C')
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExamples:\n  letters preview knowsley\n  letters preview "Liverpool City Council" --year 2020\n  letters preview knowsley --pdf /tmp/knowsley.pdf\n  letters preview knowsley --format html > knowsley.html\n  letters preview knowsley --serve\n  letters preview knowsley --watch')
  .action(async (authority, options) => run(async () => (await import('./commands/preview.js')).previewCommand(authority, options)));

program
  .command('diff')
  .description('Render the authority of each published reference letter and compare the words with the published text; with --against, compare every letter with an earlier build.')
  .argument('[source...]', 'reference letters (<year>-<slug>.txt); all in --sources when none given')
  .option('--sources <dir>', 'folder of published reference letters', 'test/fixtures/published')
  .option('--against <dir>', 'compare every letter as rendered now with the text letters of an earlier build (<dir>/<year>/<slug>.txt)')
  .addOption(yearOption())
  .option('--authority <name>', 'with --against: only this authority (slug, unique prefix or name)')
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExamples:\n  letters diff\n  letters diff test/fixtures/published/2020-knowsley-metropolitan-borough-council.txt\n  letters diff --against out --year 2020')
  .action(async (sources, options) => run(async () => (await import('./commands/diff.js')).diffCommand(sources, options)));

program
  .command('list')
  .description('List the letters that can be made, by year, with their warnings.')
  .addOption(yearOption())
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExample:\n  letters list --year 2020')
  .action(async (options) => run(async () => (await import('./commands/list.js')).listCommand(options)));

program
  .command('validate')
  .description('Check every data file against its year; print every problem.')
  .addOption(yearOption())
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExample:\n  letters validate --data data')
  .action(async (options) => run(async () => (await import('./commands/validate.js')).validateCommand(options)));

program
  .command('averages')
  .description("Each council type's average rates pooled from the year's data files, beside those typed in year.yaml.")
  .addOption(new Option('--year <year>', 'the year (default: the latest with templates)').argParser(parseYear))
  .option('--json', 'print the figures as JSON')
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExample:\n  letters averages --year 2020')
  .action(async (options) => run(async () => (await import('./commands/averages.js')).averagesCommand(options)));

program
  .command('new-year')
  .description('Start a year: templates/<year> from the latest (or --from) with its dates moved on, data/<year> with last year\'s authorities and recipients, schema/<year>.json. Never overwrites.')
  .argument('<year>', 'the new year (four digits)', (value: string) => parseYear(value, 'the new year'))
  .addOption(new Option('--from <year>', 'the year to start from (default: the latest with templates)').argParser((value) => parseYear(value, '--from')))
  .addOption(dataOption())
  .addOption(templatesOption())
  .option('--schema <dir>', 'folder of the JSON Schemas', 'schema')
  .addHelpText('after', '\nExample:\n  letters new-year 2021 --from 2020')
  .action(async (year, options) => run(async () => (await import('./commands/newYear.js')).newYearCommand(year, options)));

const requiredYear = () => yearOption().makeOptionMandatory();

program
  .command('import')
  .description("Read a year's statistics spreadsheet (.xlsx or .csv) into its data files, changing only the fields the sheet gives.")
  .argument('<file>', 'the spreadsheet: .xlsx or .csv')
  .addOption(requiredYear())
  .option('--sheet <name>', 'the sheet of an .xlsx file to read (default: the first not hidden)')
  .option('--encoding <name>', 'the encoding of a CSV file that is not UTF-8, e.g. windows-1252')
  .option('--new <name>', 'a row that is a new authority, though its name is close to an existing one (repeatable)', (name: string, names: string[] = []) => [...names, name])
  .option('--dry-run', 'print what each file would become; write nothing')
  .option('--keep-going', 'import the rows without problems even when some have them (exit 1 at the end)')
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExamples:\n  letters import stats.xlsx --year 2020 --dry-run\n  letters import stats.csv --year 2024')
  .action(async (file, options) => run(async () => (await import('./commands/import.js')).importCommand(file, options)));

program
  .command('export')
  .description("Write a year's data files as one spreadsheet, one row per authority, in the columns import reads.")
  .addOption(requiredYear())
  .option('--out <file>', '.xlsx or .csv file to write (default: CSV on stdout)')
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExamples:\n  letters export --year 2020 --out stats.xlsx\n  letters export --year 2020 > stats.csv')
  .action(async (options) => run(async () => (await import('./commands/export.js')).exportCommand(options)));

program
  .command('send')
  .description("Send each built letter of a year by email, once: to its recipient, with its copies in Cc, the PDF attached; a ledger in out/<year>/sent.jsonl.")
  .addOption(requiredYear())
  .option('--authority <name>', 'only this authority (slug, unique prefix or name)')
  .option('--out <dir>', 'the output folder the letters were built in', 'out')
  .option('--dry-run', 'write each message as an .eml file into out/<year>/mail/; send nothing')
  .option('--to <address>', 'a test run: send every message to this address alone, subject marked TEST, nothing recorded as sent')
  .option('--smtp <url>', `the mail server: smtp://user@host:port or smtps://user@host:port (default: $LETTERS_SMTP_URL); the password only from $LETTERS_SMTP_PASSWORD`)
  .addOption(
    new Option('--rate <n>', 'at most this many messages a minute').default(60).argParser((value) => {
      if (!/^[1-9]\d*$/.test(value)) throw new CommanderError(EXIT_USAGE, 'letters.rate', `error: --rate takes a whole number of messages a minute, at least 1 (got "${value}")`);
      return Number(value);
    }),
  )
  // Hidden: the tests' servers answer at once, so their retries need not wait seconds (docs/sending.md).
  .addOption(new Option('--retry-delays <ms>', 'milliseconds to wait before each further try, joined by commas').hideHelp().argParser(parseDelays))
  .option('--resend <name>', 'send this authority\'s letter again whatever the ledger says (repeatable)', (value: string, previous: string[]) => [...previous, value], [] as string[])
  .option('--keep-going', 'send the letters that are ready even when others are not (exit 1 at the end)')
  .option('--json', 'print the summary as JSON on stdout')
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExamples:\n  letters send --year 2024 --dry-run\n  LETTERS_SMTP_PASSWORD=… letters send --year 2024 --smtp smtps://letters@mail.example.org --to me@example.org\n  LETTERS_SMTP_PASSWORD=… letters send --year 2024 --smtp smtps://letters@mail.example.org')
  .action(async (options) => run(async () => (await import('./commands/send.js')).sendCommand(options)));

program
  .command('publish')
  .description("Write a year's built letters and their figures as a static site (out/<year>/site/): an index, a page per authority, pictures of the year and open data.")
  .addOption(requiredYear())
  .option('--out <dir>', 'the output folder the letters were built in', 'out')
  .option('--site <dir>', 'where to write the site (default: <out>/<year>/site)')
  .option('--draft', 'publish the letters as they are now, not as built (a year marked for review too), every page marked as a draft')
  .addOption(dataOption())
  .addOption(templatesOption())
  .addHelpText('after', '\nExamples:\n  letters publish --year 2020\n  letters publish --year 2020 --site /tmp/site-2020\n  letters publish --year 2020 --draft')
  .action(async (options) => run(async () => (await import('./commands/publish.js')).publishCommand(options)));

function parseYear(value: string, what = '--year'): string {
  if (!/^\d{4}$/.test(value)) throw new CommanderError(EXIT_USAGE, 'letters.year', `error: ${what} takes four digits, e.g. 2020 (got "${value}")`);
  return value;
}

function parseDelays(value: string): number[] {
  if (!/^\d{1,6}(,\d{1,6})*$/.test(value)) throw new CommanderError(EXIT_USAGE, 'letters.retryDelays', `error: --retry-delays takes milliseconds joined by commas, e.g. 1000,3000 (got "${value}")`);
  return value.split(',').map(Number);
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new CommanderError(EXIT_USAGE, 'letters.port', `error: --port takes a port number from 0 to 65535 (got "${value}")`);
  return Number(value);
}

async function run(command: () => Promise<number>): Promise<void> {
  try {
    // A wrong LETTERS_SHORTCUTS is said once, here, rather than by every thread that prints.
    shortcutsOn();
    process.exitCode = await command();
  } catch (error) {
    process.exitCode = report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof LettersError) {
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${message}\n`);
  if (program.opts().debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT_FAILURE;
}

// A reader that stops early (`letters list | head -1`) closes the pipe: nothing more is wanted, so stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Our own argument checks throw past commander's printing: say what is wrong here.
    if (error.code.startsWith('letters.')) process.stderr.write(`${error.message}\n(run with --help for usage)\n`);
    // --help and --version exit 0; every other parse failure is wrong usage.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    process.exitCode = report(error);
  }
}
