import type { TopLevelSpec } from 'vega-lite';

/**
 * One picture of a year: a key statistic with every authority a dot in its
 * type's row and the type's average marked, drawn by Vega-Lite and Vega as
 * SVG in Node (no browser, no canvas). Each mark carries its authority's name
 * and figure as an `aria-label` and as a `<title>` (shown on hover); the
 * picture comes with a text alternative and the table it was drawn from.
 * The same input always gives the same bytes.
 */

export interface ChartPoint {
  name: string;
  /** The row it is drawn in (the authority's type, in words). */
  group: string;
  /** The figure on the chart's scale, or null when the authority has none. */
  value: number | null;
  /** Why there is no value ("no statistics", "no investigations"): shown in the alt text and table, never drawn as 0. */
  missing?: string;
}

export interface ChartInput {
  /** Unique in the page: the SVG's ids and the caption's id start with it. */
  id: string;
  /** "Upheld complaints" */
  title: string;
  /** The axis and the table column: "Upheld %". */
  figure: string;
  /** Written after a value: "%". */
  suffix: string;
  /** The rows, top to bottom. */
  groups: string[];
  points: ChartPoint[];
  /** Each group's average, where there is one. */
  averages: Record<string, number | null>;
}

export interface ChartTable {
  headers: string[];
  rows: string[][];
}

export interface Chart {
  id: string;
  svg: string;
  alt: string;
  table: ChartTable;
}

const WIDTH = 560;
const ROW_HEIGHT = 48;
/** How far a dot may be moved off its row's line, in steps of the offset scale. */
const MAX_OFFSET = 8;
const FONT = 'sans-serif';
const DOT_COLOUR = '#1d70b8';
const AVERAGE_COLOUR = '#0b0c0c';

export async function drawChart(input: ChartInput): Promise<Chart> {
  const drawn = input.points.filter((point) => point.value !== null);
  const groups = input.groups.filter((group) => drawn.some((point) => point.group === group));
  const dots = drawn.map((point, index) => ({
    name: point.name,
    group: point.group,
    value: point.value,
    offset: spread(drawn, index),
    label: `${point.name}, ${point.group}: ${formatValue(point.value!, input.suffix)}`,
  }));
  const averages = groups.flatMap((group) => {
    const value = input.averages[group];
    return value === null || value === undefined ? [] : [{ group, value, label: `${group} average: ${formatValue(value, input.suffix)}` }];
  });
  const svg = drawn.length === 0 ? emptySvg(input) : await render(input, groups, dots, averages);
  return { id: input.id, svg, alt: altText(input, groups), table: chartTable(input) };
}

/** Dots of a row at the same figure would hide each other: each is moved up or down a little, by its place in the row (no randomness). */
function spread(points: ChartPoint[], index: number): number {
  const point = points[index]!;
  const before = points.slice(0, index).filter((other) => other.group === point.group && Math.abs(other.value! - point.value!) < 2).length;
  const step = Math.ceil(before / 2) * (before % 2 === 1 ? -1 : 1);
  return Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, step));
}

function formatValue(value: number, suffix: string): string {
  return `${value}${suffix}`;
}

async function render(input: ChartInput, groups: string[], dots: object[], averages: object[]): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const y = { field: 'group', type: 'nominal' as const, title: null, sort: groups, scale: { domain: groups } };
  const x = { field: 'value', type: 'quantitative' as const, title: input.figure, scale: { domain: [0, 100] } };
  const spec: TopLevelSpec = {
    width: WIDTH,
    height: ROW_HEIGHT * groups.length,
    background: '#ffffff',
    config: { font: FONT, view: { stroke: '#b1b4b6' }, axis: { labelFontSize: 12, titleFontSize: 12, labelColor: AVERAGE_COLOUR, titleColor: AVERAGE_COLOUR, labelLimit: 220 } },
    layer: [
      {
        name: 'authorities',
        data: { values: dots },
        mark: { type: 'circle', size: 70, color: DOT_COLOUR, opacity: 0.75 },
        encoding: { x, y, yOffset: { field: 'offset', type: 'quantitative', scale: { domain: [-MAX_OFFSET - 1, MAX_OFFSET + 1] } }, description: { field: 'label' } },
      },
      {
        name: 'averages',
        data: { values: averages },
        mark: { type: 'tick', color: AVERAGE_COLOUR, thickness: 3, size: ROW_HEIGHT - 6 },
        encoding: { x, y, description: { field: 'label' } },
      },
    ],
  };
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return normaliseSvg(await view.toSVG(), input);
  } finally {
    view.finalize();
  }
}

/** A picture with no dot to draw (every authority without the figure) is a sentence, not an empty frame. */
function emptySvg(input: ChartInput): string {
  return `<svg role="img" aria-labelledby="${input.id}-caption" aria-describedby="${input.id}-alt" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${ROW_HEIGHT}" viewBox="0 0 ${WIDTH} ${ROW_HEIGHT}"><text x="8" y="24" font-family="${FONT}" font-size="14" fill="${AVERAGE_COLOUR}">No authority has this figure</text></svg>`;
}

/**
 * Vega's SVG, made fit to inline: the root labelled as a chart, a
 * `<title>` in each labelled mark (the name on hover), and any ids Vega
 * numbered in its own process renumbered from the chart's id, so two runs
 * (and two charts in one page) never differ or collide.
 */
function normaliseSvg(svg: string, input: ChartInput): string {
  const ids = new Map<string, string>();
  const renamed = svg.replace(/\bid="([^"]+)"/g, (_, id: string) => {
    if (!ids.has(id)) ids.set(id, `${input.id}-${ids.size + 1}`);
    return `id="${ids.get(id)}"`;
  });
  const referenced = renamed.replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : whole));
  const titled = referenced.replace(/<path aria-label="([^"]*)" role="graphics-symbol"([^>]*?)\/>/g, (_, label: string, rest: string) => `<path aria-label="${label}" role="graphics-symbol"${rest}><title>${label}</title></path>`);
  return titled.replace(/^<svg /, `<svg role="graphics-document document" aria-roledescription="chart" aria-labelledby="${input.id}-caption" aria-describedby="${input.id}-alt" `);
}

/** What the picture shows, in words: each type's authorities, their range and average, and who is not drawn and why. */
function altText(input: ChartInput, groups: string[]): string {
  const sentences = [`${input.figure} of each authority, one dot per authority in the row of its type; a bar marks the type's average.`];
  for (const group of groups) {
    const values = input.points.filter((point) => point.group === group && point.value !== null).map((point) => point.value!);
    const low = Math.min(...values);
    const high = Math.max(...values);
    const range = low === high ? formatValue(low, input.suffix) : `from ${formatValue(low, input.suffix)} to ${formatValue(high, input.suffix)}`;
    const average = input.averages[group];
    const averageWords = average === null || average === undefined ? 'no average given' : `average ${formatValue(average, input.suffix)}`;
    sentences.push(`${group}: ${values.length} ${values.length === 1 ? 'authority' : 'authorities'}, ${range}, ${averageWords}.`);
  }
  const missing = new Map<string, string[]>();
  for (const point of input.points) if (point.value === null) missing.set(point.missing ?? 'no figure', [...(missing.get(point.missing ?? 'no figure') ?? []), point.name]);
  for (const [why, names] of missing) sentences.push(`Not drawn, ${why}: ${names.join(', ')}.`);
  return sentences.join(' ');
}

/** The figures drawn, one row per authority by type (in the chart's order) then name; an authority without the figure says why. */
function chartTable(input: ChartInput): ChartTable {
  const order = (group: string) => {
    const index = input.groups.indexOf(group);
    return index === -1 ? input.groups.length : index;
  };
  const points = [...input.points].sort((a, b) => order(a.group) - order(b.group) || a.name.localeCompare(b.name, 'en-GB'));
  return {
    headers: ['Authority', 'Type', input.figure, 'Average of its type'],
    rows: points.map((point) => {
      const average = input.averages[point.group];
      return [
        point.name,
        point.group,
        point.value === null ? (point.missing ?? 'no figure') : formatValue(point.value, input.suffix),
        average === null || average === undefined ? 'none given' : formatValue(average, input.suffix),
      ];
    }),
  };
}
