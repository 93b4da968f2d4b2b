import { join } from 'node:path';
import { averagesFromRecords, differsByMoreThanRounding, type TypeFigures } from '../compute/averages.js';
import { formatRate, SCALES, type Scale } from '../compute/figures.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors.js';
import { listYears, loadYear, YEAR_FILE } from '../load/yearTemplates.js';
import { loadProject } from '../project.js';
import { shapeOf } from '../shapes/index.js';
import type { PooledFigure } from '../shapes/shape.js';
import type { TypeAverages } from '../validate/schema.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

export interface AveragesOptions extends InputOptions {
  json?: boolean;
}

interface Row {
  type: string;
  figure: string;
  /** How the figure is given: `percent` (75%) or `per-100000` (5.5). */
  scale: Scale['name'];
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
  if (project.problems.some((problem) => problem.severity === 'error')) {
    reportProblems(project.problems);
    return EXIT_FAILURE;
  }
  const { config } = project.years.get(year) ?? (await loadYear(options.templates, year));
  const shape = shapeOf(config.data);
  const figures = averagesFromRecords(project.letters.map((letter) => letter.record), shape);
  const typed = config.averages === 'from-data' ? {} : config.averages;
  const rows = averageRows(figures, typed, figuresShown(shape.pooled, figures, typed));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ year, fromData: config.averages === 'from-data', types: figures.map((f) => ({ ...f, typed: typed[f.type] ?? null })), rows }, null, 2)}\n`);
  } else {
    const source = config.averages === 'from-data' ? `${YEAR_FILE} says averages: from-data, so the letters use the computed figures` : `typed: ${join(options.templates, year, YEAR_FILE)}`;
    process.stdout.write(averagesTable(year, join(options.data, year), source, figures, rows));
  }
  return EXIT_OK;
}

/**
 * The figures the table shows: every figure of the shape, but an optional
 * one (per 100,000 residents) only where the year has it: some authority
 * gives a population, or year.yaml types it.
 */
function figuresShown(pooled: readonly PooledFigure[], figures: readonly TypeFigures[], typed: TypeAverages): PooledFigure[] {
  return pooled.filter(
    (figure) => !figure.optional || figures.some((f) => f.rates[figure.name]!.authorities > 0) || Object.values(typed).some((average) => average?.[figure.name] !== undefined),
  );
}

export function averageRows(figures: readonly TypeFigures[], typed: TypeAverages, pooled: readonly PooledFigure[]): Row[] {
  return figures.flatMap(({ type, rates }) =>
    pooled.map(({ name, scale }) => {
      const rate = rates[name]!;
      const given = typed[type]?.[name] ?? null;
      return { type, figure: name, scale: scale.name, computed: rate.rate, typed: given, authorities: rate.authorities, differs: given !== null && differsByMoreThanRounding(given, rate, scale) };
    }),
  );
}

/** The plain table `letters averages` prints. */
export function averagesTable(year: string, dataDir: string, source: string, figures: readonly TypeFigures[], rows: readonly Row[]): string {
  const shown = (rate: number | null, scale: Row['scale']) => (rate === null ? '-' : `${formatRate(rate, SCALES[scale])}${SCALES[scale].suffix}`);
  const width = Math.max(12, ...rows.map((row) => row.figure.length + 2));
  const lines = [
    `${year} averages pooled from ${dataDir} (${source})`,
    `${'type'.padEnd(22)}${'figure'.padEnd(width)}${'computed'.padStart(8)}${'typed'.padStart(7)}${'authorities'.padStart(13)}`,
    ...rows.map((row) =>
      `${row.type.padEnd(22)}${row.figure.padEnd(width)}${shown(row.computed, row.scale).padStart(8)}${shown(row.typed, row.scale).padStart(7)}${String(row.authorities).padStart(13)}${row.differs ? '  differs by more than rounding' : ''}`,
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
