// What the ML benches share: seeded persons' activity as the person-activity SQL returns it, and the machine a
// figure was measured on. Used by ml-churn-bench.ts and ml-features-bench.ts.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { seededRandom } from '../../libs/analytics-core/src';
import type { PersonActivity } from '../../libs/ml/features/src';

/** One person's 28-day activity and whether they returned in the 14 days after (churn follows behaviour). */
export interface SyntheticPersonActivity extends PersonActivity {
  returned: boolean;
}

/** `count` persons, 35 % fading (few events lately, more escalations, mostly not returning); all active in the window. */
export function syntheticPersonActivity(count: number, seed: number): SyntheticPersonActivity[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const fading = random() < 0.35;
    const weekly = 1 + Math.floor(random() * 12);
    const periodEvents = fading
      ? [Math.floor(random() * 2), Math.floor(weekly / 3), weekly, weekly]
      : [weekly, weekly, weekly, weekly].map((n) => Math.max(0, n - Math.floor(random() * 3)));
    periodEvents[3] = Math.max(1, periodEvents[3]);
    return {
      person: `user-${i}`,
      daysSinceLastEvent: periodEvents[0] > 0 ? random() * 7 : 7 + random() * 20,
      periodEvents,
      periodActiveDays: periodEvents.map((events) => Math.min(7, events)),
      sessions: Math.ceil(periodEvents.reduce((sum, n) => sum + n, 0) / 3),
      conversions: fading ? 0 : Math.floor(random() * 3),
      escalations: fading && random() < 0.4 ? 1 : 0,
      returned: random() >= (fading ? 0.8 : 0.1),
    };
  });
}

/** The machine and how busy it was: every figure is recorded with it. */
export function benchMachine(): Record<string, unknown> {
  return {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    freeGb: Math.round(freemem() / 2 ** 30),
    node: process.version,
    loadavgAtStart: loadavg(),
  };
}
