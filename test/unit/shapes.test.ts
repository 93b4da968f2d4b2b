import { describe, expect, it } from 'vitest';
import { SHAPE_NAMES, SHAPES, shapeOf } from '../../src/shapes/index.js';

const outcomes = SHAPES.outcomes!;
const knowsley = { investigations: 12, upheld: 9, satisfactory_remedies: 3, compliance: { outcomes: 4, complied: 4 } };

describe('the statistics shapes registry', () => {
  it('knows the shapes by the names year.yaml gives', () => {
    expect(SHAPE_NAMES).toEqual(['outcomes', 'tables']);
    expect(shapeOf({ statistics: 'tables' }).name).toBe('tables');
    expect(Object.values(SHAPES).map((shape) => shape.name)).toEqual(SHAPE_NAMES);
  });
});

describe('the outcomes figures of a letter', () => {
  const average = { upheld: 67, compliance: 100, remedies: 11 };

  it('gives the rates, and per 100,000 residents with one decimal place: 9 of 163,875 is 5.49… → "5.5"', () => {
    expect(outcomes.figures({ authority: { population: 163_875 }, statistics: knowsley }, { ...average, upheld_per_100000: 4 })).toEqual({
      investigations: 12,
      upheld: 9,
      satisfactory_remedies: 3,
      compliance_outcomes: 4,
      complied: 4,
      upheld_rate: 75,
      compliance_rate: 100,
      remedy_rate: 33,
      population: 163_875,
      upheld_per_100000: '5.5',
      average: { upheld: 67, compliance: 100, remedies: 11, upheld_per_100000: '4.0' },
    });
  });

  it('has no figure per 100,000 without a population or with a population of 0, and no average for it when none is given', () => {
    for (const authority of [{}, { population: 0 }]) {
      const figures = outcomes.figures({ authority, statistics: knowsley }, average);
      expect(figures.upheld_per_100000).toBeNull();
      expect(figures.average).toEqual({ ...average, upheld_per_100000: null });
    }
    expect(outcomes.figures({ authority: {}, statistics: knowsley }, null).average).toBeNull();
  });

  it('pools upheld over residents only for an authority with residents', () => {
    expect(outcomes.parts({ authority: { population: 163_875 }, statistics: knowsley }).upheld_per_100000).toEqual({ part: 9, whole: 163_875 });
    expect(outcomes.parts({ authority: { population: 0 }, statistics: knowsley }).upheld_per_100000).toBeNull();
    expect(outcomes.parts({ authority: {}, statistics: knowsley }).upheld_per_100000).toBeNull();
  });
});
