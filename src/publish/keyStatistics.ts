import type { OutcomeFigures } from '../shapes/outcomes.js';
import type { SiteAuthority } from './yearFigures.js';

/**
 * The three key statistics the site shows for each authority, as its letter
 * states them (the letter model's rates and averages), with the words the
 * site uses for each and for an authority that has none.
 */
export interface KeyStatistic {
  id: 'upheld' | 'compliance' | 'remedies';
  /** The picture's caption. */
  title: string;
  /** The table column: "Upheld %". */
  heading: string;
  rate(figures: OutcomeFigures): number | null;
  /** The letter's average of similar authorities, where it gives one. */
  average(figures: OutcomeFigures): number | null;
  /** Said in place of a rate that cannot be given (its whole is 0). */
  whenNone: string;
  /** How the rate is worked out, for the data page. */
  computedAs: string;
}

/** Said of an authority whose data file (and letter) has no statistics: never shown as 0. */
export const NO_STATISTICS = 'no statistics';

export const KEY_STATISTICS: readonly KeyStatistic[] = [
  {
    id: 'upheld',
    title: 'Complaints upheld',
    heading: 'Upheld %',
    rate: (figures) => figures.upheld_rate,
    average: (figures) => figures.average?.upheld ?? null,
    whenNone: 'no investigations',
    computedAs: 'upheld investigations ÷ detailed investigations',
  },
  {
    id: 'compliance',
    title: "Compliance with the Ombudsman's recommendations",
    heading: 'Compliance %',
    rate: (figures) => figures.compliance_rate,
    average: (figures) => figures.average?.compliance ?? null,
    whenNone: 'no compliance outcomes',
    computedAs: 'recommendations complied with ÷ compliance outcomes',
  },
  {
    id: 'remedies',
    title: 'Satisfactory remedies provided by the authority',
    heading: 'Satisfactory remedy %',
    rate: (figures) => figures.remedy_rate,
    average: (figures) => figures.average?.remedies ?? null,
    whenNone: 'none upheld',
    computedAs: 'upheld cases where the authority had already provided a satisfactory remedy ÷ upheld investigations',
  },
];

/** An authority's rate as the site writes it: "75%", or why there is none. */
export function rateText(authority: SiteAuthority, statistic: KeyStatistic): string {
  if (!authority.figures) return NO_STATISTICS;
  const rate = statistic.rate(authority.figures);
  return rate === null ? statistic.whenNone : `${rate}%`;
}
