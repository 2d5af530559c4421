import { MemoryCacheStore } from '@pulse/cache';
import { NightlyClaims } from './nightly-claims';

describe('NightlyClaims', () => {
  it('gives each (kind, tenant, local day) to the first claimant only', async () => {
    const cache = new MemoryCacheStore();
    const replicas = [new NightlyClaims(cache), new NightlyClaims(cache), new NightlyClaims(cache)];
    const claims = await Promise.all(replicas.map((replica) => replica.claim('churn', 't1', '2026-03-31')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await replicas[0].claim('churn', 't1', '2026-04-01')).toBe(true);
    expect(await replicas[0].claim('satisfaction', 't1', '2026-03-31')).toBe(true);
    expect(await replicas[0].claim('churn', 't2', '2026-03-31')).toBe(true);
  });

  it('forgets a claim after three days, long after its day is over everywhere', async () => {
    let now = Date.parse('2026-03-31T00:00:00Z');
    const cache = new MemoryCacheStore({ now: () => now });
    const claims = new NightlyClaims(cache);
    expect(await claims.claim('churn', 't1', '2026-03-31')).toBe(true);
    now += 3 * 86_400_000 + 1000;
    expect(await claims.claim('churn', 't1', '2026-03-31')).toBe(true);
  });
});
