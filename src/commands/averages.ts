import { join } from 'node:path';
import { AVERAGE_NAMES, averagesFromRecords, differsByMoreThanRounding, type AverageName, type TypeFigures } from '../compute/averages.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, blockingProblems } from '../errors.js';
import { listYears, loadYear, YEAR_FILE } from '../load/yearTemplates.js';
import { loadProject } from '../project.js';
import type { TypeAverages } from '../validate/schema.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

export interface AveragesOptions extends InputOptions {
  json?: boolean;
}

interface Row {
  type: string;
  figure: AverageName;
  computed: number | null;
  typed: number | null;
  authorities: number;
  differs: boolean;
}

/**
 * `letters averages`: each council type's averages pooled from the year's
 * data files, beside those typed in year.yaml. A figure that differs by more
 * than rounding is flagged; the data files must be valid first.
 */
export async function averagesCommand(options: AveragesOptions): Promise<number> {
  const year = options.year ?? (await listYears(options.templates)).at(-1);
  if (year === undefined) throw new UsageError(`no year has templates in ${options.templates}`);
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year });
  // A year marked for review is reviewed with these very figures: its marks do not stop them.
  const blocking = blockingProblems(project.problems, true);
  if (blocking.some((problem) => problem.severity === 'error')) {
    reportProblems(blocking);
    return EXIT_FAILURE;
  }
  const { config } = project.years.get(year) ?? (await loadYear(options.templates, year));
  const figures = averagesFromRecords(project.letters.map((letter) => letter.record), config.data.statistics);
  const typed = config.averages === 'from-data' ? {} : config.averages;
  const rows = averageRows(figures, typed);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ year, fromData: config.averages === 'from-data', types: figures.map((f) => ({ ...f, typed: typed[f.type] ?? null })), rows }, null, 2)}\n`);
  } else {
    const source = config.averages === 'from-data' ? `${YEAR_FILE} says averages: from-data, so the letters use the computed figures` : `typed: ${join(options.templates, year, YEAR_FILE)}`;
    process.stdout.write(averagesTable(year, join(options.data, year), source, figures, rows));
  }
  return EXIT_OK;
}

export function averageRows(figures: readonly TypeFigures[], typed: TypeAverages): Row[] {
  return figures.flatMap(({ type, rates }) =>
    AVERAGE_NAMES.map((figure) => {
      const rate = rates[figure];
      const given = typed[type]?.[figure] ?? null;
      return { type, figure, computed: rate.rate, typed: given, authorities: rate.authorities, differs: given !== null && differsByMoreThanRounding(given, rate) };
    }),
  );
}

/** The plain table `letters averages` prints. */
export function averagesTable(year: string, dataDir: string, source: string, figures: readonly TypeFigures[], rows: readonly Row[]): string {
  const shown = (rate: number | null) => (rate === null ? '-' : `${rate}%`);
  const lines = [
    `${year} averages pooled from ${dataDir} (${source})`,
    `${'type'.padEnd(22)}${'figure'.padEnd(12)}${'computed'.padStart(8)}${'typed'.padStart(7)}${'authorities'.padStart(13)}`,
    ...rows.map((row) =>
      `${row.type.padEnd(22)}${row.figure.padEnd(12)}${shown(row.computed).padStart(8)}${shown(row.typed).padStart(7)}${String(row.authorities).padStart(13)}${row.differs ? '  differs by more than rounding' : ''}`,
    ),
  ];
  const left = figures.filter((f) => f.withoutStatistics > 0).map((f) => `${f.type} ${f.withoutStatistics}`);
  lines.push(`with statistics, pooled: ${figures.map((f) => `${f.type} ${f.withStatistics}`).join(', ')}`);
  lines.push(`without statistics, left out: ${left.length > 0 ? left.join(', ') : 'none'}`);
  const differing = rows.filter((row) => row.differs).length;
  const typedCount = rows.filter((row) => row.typed !== null).length;
  if (typedCount > 0) lines.push(`${differing} of ${typedCount} typed ${typedCount === 1 ? 'figure differs' : 'figures differ'} from the data by more than rounding`);
  return `${lines.join('\n')}\n`;
}
