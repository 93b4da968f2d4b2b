import { describe, expect, it } from 'vitest';
import { averagesFromRecords, differsByMoreThanRounding, letterAverages } from '../../src/compute/averages.js';
import { PER_100000 } from '../../src/compute/figures.js';
import { SHAPES } from '../../src/shapes/index.js';
import type { AuthorityRecord } from '../../src/validate/schema.js';

const recipient = { surname: 'Smith', role: 'Chief Executive' };
function outcomes(type: string, counts?: [number, number, number, number, number]): AuthorityRecord {
  const [investigations, upheld, satisfactory_remedies, outcomes, complied] = counts ?? [];
  return {
    authority: { name: `${type} ${counts?.join('-') ?? 'none'}`, type: type as AuthorityRecord['authority']['type'] },
    recipient,
    ...(counts && { statistics: { investigations: investigations!, upheld: upheld!, satisfactory_remedies: satisfactory_remedies!, compliance: { outcomes: outcomes!, complied: complied! } } }),
  };
}

describe('averages pooled from the data', () => {
  const records = [
    outcomes('county', [10, 6, 1, 4, 4]),
    outcomes('county', [7, 3, 2, 2, 1]),
    outcomes('county'),
    outcomes('district', [8, 4, 0, 0, 0]),
    outcomes('combined-authority', [50, 50, 50, 50, 50]),
  ];
  const [county, district, metropolitan, , london] = averagesFromRecords(records, SHAPES.outcomes!);

  it('adds up the counts of each type: 9 of 17 upheld is 53%, 5 of 6 complied 83%, 3 of 9 remedied 33%', () => {
    expect(county).toEqual({
      type: 'county',
      withStatistics: 2,
      withoutStatistics: 1,
      rates: {
        upheld: { part: 9, whole: 17, authorities: 2, rate: 53 },
        compliance: { part: 5, whole: 6, authorities: 2, rate: 83 },
        remedies: { part: 3, whole: 9, authorities: 2, rate: 33 },
        // No population given: nothing per 100,000 residents.
        upheld_per_100000: { part: 0, whole: 0, authorities: 0, rate: null },
      },
    });
  });

  it('gives no rate where nothing divides, and counts only the authorities with something to divide', () => {
    expect(district!.rates.compliance).toEqual({ part: 0, whole: 0, authorities: 0, rate: null });
    expect(district!.rates.remedies).toEqual({ part: 0, whole: 4, authorities: 1, rate: 0 });
    expect(metropolitan!.withStatistics).toBe(0);
    expect(london!.rates.upheld.rate).toBeNull();
  });

  it('leaves out bodies that are not councils', () => {
    expect(averagesFromRecords(records, SHAPES.outcomes!).map((f) => f.type)).toEqual(['county', 'district', 'metropolitan-borough', 'unitary', 'london-borough']);
  });

  it('gives letters a type only when all three rates exist', () => {
    expect(letterAverages(averagesFromRecords(records, SHAPES.outcomes!), SHAPES.outcomes!)).toEqual({ county: { upheld: 53, compliance: 83, remedies: 33 } });
  });

  it('2018: the decisions table uphold rate, remedies before the Ombudsman of upheld, no compliance', () => {
    const sefton: AuthorityRecord = {
      authority: { name: 'Sefton', type: 'metropolitan-borough' },
      recipient,
      statistics: {
        received: { adult_care_services: 19, benefits_and_tax: 6, corporate_and_other_services: 6, education_and_childrens_services: 14, environment_services: 2, highways_and_transport: 4, housing: 1, planning_and_development: 6, other: 1 },
        decisions: { incomplete_or_invalid: 4, advice_given: 0, referred_back_for_local_resolution: 24, closed_after_initial_enquiries: 14, not_upheld: 9, upheld: 12 },
        remedies: { by_ombudsman: 10, by_authority_before_ombudsman: 3 },
      },
    };
    const rates = averagesFromRecords([sefton], SHAPES.tables!)[2]!.rates;
    expect(rates.upheld).toEqual({ part: 12, whole: 21, authorities: 1, rate: 57 });
    expect(rates.remedies).toEqual({ part: 3, whole: 12, authorities: 1, rate: 25 });
    expect(rates.compliance).toEqual({ part: 0, whole: 0, authorities: 0, rate: null });
  });
});

describe('upheld decisions per 100,000 residents, pooled', () => {
  const outcomesShape = SHAPES.outcomes!;
  function council(name: string, upheld: number, population?: number): AuthorityRecord {
    return {
      authority: { name, type: 'unitary', ...(population !== undefined && { population }) },
      recipient,
      statistics: { investigations: 60, upheld, satisfactory_remedies: 0, compliance: { outcomes: 1, complied: 1 } },
    };
  }
  /*
   * Worked by hand: A has 30 upheld and 553,078 residents (5.4 per 100,000), B 4 and 100,000 (4.0);
   * C gives no population and D a population of 0: neither counts, upheld decisions or residents.
   * The type: (30 + 4) ÷ (553,078 + 100,000) × 100,000 = 34 ÷ 653,078 × 100,000 = 5.206… → 5.2, from 2 authorities.
   */
  const records = [council('A', 30, 553_078), council('B', 4, 100_000), council('C', 9), council('D', 5, 0)];
  const unitary = averagesFromRecords(records, outcomesShape)[3]!;

  it('is total upheld over total population of the type, of the authorities with a population', () => {
    expect(unitary.rates.upheld_per_100000).toEqual({ part: 34, whole: 653_078, authorities: 2, rate: 5.2 });
    // The other averages still count every authority with statistics: 48 of 240 upheld is 20%.
    expect(unitary.rates.upheld).toEqual({ part: 48, whole: 240, authorities: 4, rate: 20 });
  });

  it('is in the letters\' averages when it can be computed, and left out (the others kept) when no authority has a population', () => {
    expect(letterAverages([unitary], outcomesShape)).toEqual({ unitary: { upheld: 20, compliance: 100, remedies: 0, upheld_per_100000: 5.2 } });
    const none = averagesFromRecords([council('C', 9), council('D', 5, 0)], outcomesShape);
    expect(none[3]!.rates.upheld_per_100000).toEqual({ part: 0, whole: 0, authorities: 0, rate: null });
    // 14 of 120 upheld: 12%.
    expect(letterAverages(none, outcomesShape)).toEqual({ unitary: { upheld: 12, compliance: 100, remedies: 0 } });
  });

  it('a typed figure differs when more than 0.05 from the exact rate', () => {
    expect(differsByMoreThanRounding(5.2, unitary.rates.upheld_per_100000!, PER_100000)).toBe(false);
    expect(differsByMoreThanRounding(5.1, unitary.rates.upheld_per_100000!, PER_100000)).toBe(true); // 5.206 − 5.1 = 0.106
    // 1 of 2,000,000 is exactly 0.05: typed 0.1 or 0.0 is rounding, 0.2 is not.
    const exact = { part: 1, whole: 2_000_000, authorities: 1, rate: 0.1 };
    expect([0.1, 0, 0.2].map((typed) => differsByMoreThanRounding(typed, exact, PER_100000))).toEqual([false, false, true]);
  });
});

describe('a typed average against the pooled rate', () => {
  it.each([
    [13, 1, 8, false], // 12.5 % typed as 13 (half up)
    [12, 1, 8, false], // 12.5 % typed as 12 (half down): still rounding
    [11, 1, 8, true],
    [67, 10, 15, false], // 66.7 %
    [66, 10, 15, true],
    [99, 5, 5, true],
    [11, 3, 10, true],
  ])('typed %i%% against %i of %i: differs %s', (typed, part, whole, differs) => {
    expect(differsByMoreThanRounding(typed, { part, whole, authorities: 1, rate: null })).toBe(differs);
  });

  it('cannot differ from a rate that does not exist', () => {
    expect(differsByMoreThanRounding(50, { part: 0, whole: 0, authorities: 0, rate: null })).toBe(false);
  });
});
