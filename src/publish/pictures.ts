import { drawChart, type Chart } from './charts.js';
import { KEY_STATISTICS, NO_STATISTICS } from './keyStatistics.js';
import { typesPresent, type SiteAuthority } from './yearFigures.js';

/** The year's three pictures, one per key statistic, drawn from the figures the letters state. */
export async function yearPictures(authorities: readonly SiteAuthority[]): Promise<Chart[]> {
  const groups = typesPresent(authorities).map((type) => type.words);
  const charts: Chart[] = [];
  for (const statistic of KEY_STATISTICS) {
    const averages: Record<string, number | null> = {};
    for (const authority of authorities) {
      if (authority.figures && averages[authority.typeWords] == null) averages[authority.typeWords] = statistic.average(authority.figures);
    }
    charts.push(
      await drawChart({
        id: statistic.id,
        title: statistic.title,
        figure: statistic.heading,
        suffix: '%',
        groups,
        averages,
        points: authorities.map((authority) => {
          const rate = authority.figures ? statistic.rate(authority.figures) : null;
          return { name: authority.name, group: authority.typeWords, value: rate, ...(rate === null ? { missing: authority.figures ? statistic.whenNone : NO_STATISTICS } : {}) };
        }),
      }),
    );
  }
  return charts;
}
