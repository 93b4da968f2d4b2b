import { describe, expect, it } from 'vitest';
import { drawChart, type ChartInput } from '../../src/publish/charts.js';

const INPUT: ChartInput = {
  id: 'upheld',
  title: 'Upheld complaints',
  figure: 'Upheld %',
  suffix: '%',
  groups: ['County Council', 'Metropolitan Borough'],
  points: [
    { name: 'Knowsley Metropolitan Borough Council', group: 'Metropolitan Borough', value: 75 },
    { name: 'Telford & Wrekin <Test>', group: 'Metropolitan Borough', value: 75 },
    { name: 'Liverpool City Council', group: 'Metropolitan Borough', value: null, missing: 'no statistics' },
    { name: 'Shire County Council', group: 'County Council', value: 0 },
  ],
  averages: { 'Metropolitan Borough': 67, 'County Council': null },
};

/** The marks that stand for something: each path Vega labelled, with the title we add. */
function marks(svg: string): { label: string; title: string }[] {
  return [...svg.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol"[^>]*><title>([^<]*)<\/title><\/path>/g)].map((match) => ({ label: match[1]!, title: match[2]! }));
}

describe('drawChart', () => {
  it('draws one labelled, titled mark per authority with the figure, and one per average', async () => {
    const chart = await drawChart(INPUT);
    expect(chart.id).toBe('upheld');
    expect(marks(chart.svg)).toEqual([
      { label: 'Knowsley Metropolitan Borough Council, Metropolitan Borough: 75%', title: 'Knowsley Metropolitan Borough Council, Metropolitan Borough: 75%' },
      { label: 'Telford &amp; Wrekin &lt;Test&gt;, Metropolitan Borough: 75%', title: 'Telford &amp; Wrekin &lt;Test&gt;, Metropolitan Borough: 75%' },
      { label: 'Shire County Council, County Council: 0%', title: 'Shire County Council, County Council: 0%' },
      { label: 'Metropolitan Borough average: 67%', title: 'Metropolitan Borough average: 67%' },
    ]);
    expect(chart.svg).toMatch(/^<svg role="graphics-document document" aria-roledescription="chart" aria-labelledby="upheld-caption" aria-describedby="upheld-alt" /);
    // An authority without statistics is never drawn, least of all at 0%.
    expect(chart.svg).not.toContain('Liverpool');
    // No font or anything else is fetched: a generic family, no link out.
    expect(chart.svg).toContain('font-family="sans-serif"');
    expect(chart.svg).not.toMatch(/href=|@import|url\((?!#)/);
  });

  it('says in words what it shows, and who is not drawn and why', async () => {
    const chart = await drawChart(INPUT);
    expect(chart.alt).toBe(
      "Upheld % of each authority, one dot per authority in the row of its type; a bar marks the type's average. " +
        'County Council: 1 authority, 0%, no average given. ' +
        'Metropolitan Borough: 2 authorities, 75%, average 67%. ' +
        'Not drawn, no statistics: Liverpool City Council.',
    );
  });

  it('gives the table it was drawn from, by type then name', async () => {
    const chart = await drawChart(INPUT);
    expect(chart.table).toEqual({
      headers: ['Authority', 'Type', 'Upheld %', 'Average of its type'],
      rows: [
        ['Shire County Council', 'County Council', '0%', 'none given'],
        ['Knowsley Metropolitan Borough Council', 'Metropolitan Borough', '75%', '67%'],
        ['Liverpool City Council', 'Metropolitan Borough', 'no statistics', '67%'],
        ['Telford & Wrekin <Test>', 'Metropolitan Borough', '75%', '67%'],
      ],
    });
  });

  it('gives the same bytes every time', async () => {
    const first = await drawChart(INPUT);
    const second = await drawChart(INPUT);
    expect(second.svg).toBe(first.svg);
    expect(first.svg).not.toMatch(/id="(?!upheld-)/);
  });

  it('draws a sentence, not an empty frame, when no authority has the figure', async () => {
    const chart = await drawChart({ ...INPUT, points: INPUT.points.map((point) => ({ ...point, value: null, missing: 'no statistics' })) });
    expect(marks(chart.svg)).toEqual([]);
    expect(chart.svg).toContain('>No authority has this figure</text>');
    expect(chart.alt).toBe(
      "Upheld % of each authority, one dot per authority in the row of its type; a bar marks the type's average. " +
        'Not drawn, no statistics: Knowsley Metropolitan Borough Council, Telford & Wrekin <Test>, Liverpool City Council, Shire County Council.',
    );
  });
});
