import { periodChange } from './period-change';

describe('periodChange', () => {
  it('gives the absolute change and the ratio to the previous period', () => {
    expect(periodChange(150, 120)).toEqual({ current: 150, previous: 120, change: 30, changeRatio: 0.25 });
    expect(periodChange(90, 120)).toEqual({ current: 90, previous: 120, change: -30, changeRatio: -0.25 });
  });

  it('has no ratio when the previous period is 0, but still the absolute change', () => {
    expect(periodChange(7, 0)).toEqual({ current: 7, previous: 0, change: 7, changeRatio: null });
  });

  it('has no change when either figure is unknown', () => {
    expect(periodChange(null, 4)).toEqual({ current: null, previous: 4, change: null, changeRatio: null });
    expect(periodChange(4, null)).toEqual({ current: 4, previous: null, change: null, changeRatio: null });
  });
});
