import { AtRiskRankings, AT_RISK_RANKING_TTL_MS, type AtRiskRanking } from './at-risk-rankings';

const T0 = new Date('2026-03-31T12:00:00Z');
const ranking = (modelVersion: number, cut: Date): AtRiskRanking => ({
  modelVersion,
  cut,
  table: { featureNames: [], keys: [], values: [], readable: [] },
  probabilities: [],
  order: [],
});

describe('AtRiskRankings', () => {
  it('reuses a tenant’s ranking for five minutes with the same model version, then scores again', async () => {
    const rankings = new AtRiskRankings();
    const compute = jest.fn(async () => ranking(1, T0));
    const first = await rankings.get('t1', 1, T0, compute);
    expect(await rankings.get('t1', 1, new Date(T0.getTime() + AT_RISK_RANKING_TTL_MS - 1), compute)).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
    await rankings.get('t1', 1, new Date(T0.getTime() + AT_RISK_RANKING_TTL_MS), async () => ranking(1, new Date(T0.getTime() + AT_RISK_RANKING_TTL_MS)));
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('scores again for a new served version and never hands one tenant’s ranking to another', async () => {
    const rankings = new AtRiskRankings();
    const kept = await rankings.get('t1', 1, T0, async () => ranking(1, T0));
    const newer = await rankings.get('t1', 2, T0, async () => ranking(2, T0));
    expect(newer).not.toBe(kept);
    const other = await rankings.get('t2', 2, T0, async () => ranking(2, T0));
    expect(other).not.toBe(newer);
  });

  it('does not reuse a ranking cut after the clock (the clock went back)', async () => {
    const rankings = new AtRiskRankings();
    const later = await rankings.get('t1', 1, T0, async () => ranking(1, T0));
    const earlier = await rankings.get('t1', 1, new Date(T0.getTime() - 1000), async () => ranking(1, new Date(T0.getTime() - 1000)));
    expect(earlier).not.toBe(later);
  });
});
