import { z } from 'zod';
import { PERCENT, total, upholdRate2018 } from '../compute/figures.js';
import { count, percentage } from '../validate/values.js';
import type { StatisticsShape } from './shape.js';

/**
 * 2018: the complaints-received, decisions made and remedies tables. Totals
 * and the uphold rate are computed, never typed; no letter prints averages.
 */

const statistics = z
  .strictObject({
    received: z
      .strictObject({
        adult_care_services: count,
        benefits_and_tax: count,
        corporate_and_other_services: count,
        education_and_childrens_services: count,
        environment_services: count,
        highways_and_transport: count,
        housing: count,
        planning_and_development: count,
        other: count,
      })
      .describe('Complaints and enquiries received, by service area.'),
    decisions: z
      .strictObject({
        incomplete_or_invalid: count,
        advice_given: count,
        referred_back_for_local_resolution: count,
        closed_after_initial_enquiries: count,
        not_upheld: count,
        upheld: count,
        uphold_rate: percentage
          .optional()
          .describe('The published uphold rate in whole percent (upheld ÷ (upheld + not_upheld), rounded half up): checked against the counts.'),
      })
      .describe('Decisions made, by outcome.'),
    remedies: z
      .strictObject({
        by_ombudsman: count,
        by_authority_before_ombudsman: count,
      })
      .describe('Satisfactory remedies: by the Ombudsman, or by the authority before the Ombudsman was involved.'),
  })
  .describe('The 2018 tables: complaints received by service area, decisions made, and remedies. Totals are computed, never given.');

export type Tables = z.infer<typeof statistics>;

/** The averages year.yaml may type (no 2018 letter prints them; `letters averages` compares them). */
const typedAverage = z.strictObject({ upheld: percentage, compliance: percentage, remedies: percentage });

export interface TableFigures {
  received: Tables['received'] & { total: number };
  decisions: Omit<Tables['decisions'], 'uphold_rate'> & { uphold_rate: number | null; total: number };
  remedies: Tables['remedies'];
}

export function tableFigures(t: Tables): TableFigures {
  const { uphold_rate: _given, ...decisions } = t.decisions;
  return {
    received: { ...t.received, total: total(t.received) },
    decisions: { ...decisions, uphold_rate: upholdRate2018(decisions.upheld, decisions.not_upheld), total: total(decisions) },
    remedies: t.remedies,
  };
}

export const tables: StatisticsShape = {
  name: 'tables',
  statistics,
  authorityFields: {},
  typedAverage,
  rules({ rate }) {
    const d = (name: string) => ['statistics', 'decisions', name];
    rate(d('uphold_rate'), d('upheld'), d('not_upheld'), upholdRate2018, 'upheld ÷ (upheld + not_upheld)');
  },
  figures: (record) => ({ ...tableFigures(record.statistics as Tables) }),
  comparesWithAverages: false,
  pooled: [
    { name: 'upheld', scale: PERCENT },
    { name: 'compliance', scale: PERCENT },
    { name: 'remedies', scale: PERCENT },
  ],
  /**
   * The uphold rate of the decisions table (upheld over upheld and not
   * upheld), and the share of upheld cases the authority had remedied before
   * the Ombudsman was involved (what later years call satisfactory
   * remedies). The tables have no compliance figures.
   */
  parts(record) {
    const t = record.statistics as Tables;
    const { upheld, not_upheld } = t.decisions;
    return {
      upheld: { part: upheld, whole: upheld + not_upheld },
      compliance: null,
      remedies: { part: t.remedies.by_authority_before_ombudsman, whole: upheld },
    };
  },
};
