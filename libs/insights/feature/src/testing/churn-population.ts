import { seededRandom } from '@pulse/analytics-core';
import type { NewEvent } from '@pulse/storage';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * How a synthetic person behaves over the 42 days before `now` (the training cut is now − 14 days):
 * - `steady`: active on a steady share of days throughout; 8 % of them stop at the cut anyway (churn nobody could see coming);
 * - `lapsed`: activity fading to nothing over the four weeks before the cut, often after an escalated support
 *   conversation; no event after the cut (churned), except 10 % who come back once;
 * - `fading_now`: steady until the cut, then fading, last seen 4–9 days before now: at risk when scored at now.
 */
export type ChurnBehaviour = 'steady' | 'lapsed' | 'fading_now';

export interface SyntheticPerson {
  id: string;
  behaviour: ChurnBehaviour;
  /** Whether they have an event in the 14 days after the training cut. */
  returned: boolean;
}

export interface ChurnPopulation {
  people: SyntheticPerson[];
  events: NewEvent[];
}

export function churnPopulation(options: {
  tenantId: string;
  now: Date;
  counts: Record<ChurnBehaviour, number>;
  seed: number;
  /** Prefix of person and event ids, so two populations never collide. */
  prefix?: string;
  /** Scales how often people are active (1: on 35–80 % of days); the benchmark uses less for 100,000 persons. */
  intensity?: number;
}): ChurnPopulation {
  const random = seededRandom(options.seed);
  const prefix = options.prefix ?? 'p';
  const start = options.now.getTime() - 42 * DAY_MS;
  const cut = options.now.getTime() - 14 * DAY_MS;
  const people: SyntheticPerson[] = [];
  const events: NewEvent[] = [];
  let n = 0;
  const emit = (person: string, type: string, at: number, category = 'commerce', properties: Record<string, unknown> = {}) =>
    events.push({
      tenantId: options.tenantId,
      eventId: `${prefix}-e${++n}`,
      type,
      category,
      occurredAt: new Date(at),
      receivedAt: new Date(at),
      userId: person,
      sessionId: `${person}-${Math.floor((at - start) / DAY_MS)}`,
      properties,
    });
  const activeDay = (person: string, day: number) => {
    const at = start + day * DAY_MS + (8 + Math.floor(random() * 12)) * HOUR_MS;
    const count = 1 + Math.floor(random() * 4);
    for (let k = 0; k < count; k++) emit(person, 'page_view', at + k * 60_000, 'commerce', { path: `/p/${k}` });
    if (random() < 0.15) emit(person, 'purchase', at + count * 60_000, 'commerce', { order_id: `${person}-${day}`, revenue: 20 });
  };

  const behaviours: ChurnBehaviour[] = (['steady', 'lapsed', 'fading_now'] as const).flatMap((behaviour) =>
    new Array<ChurnBehaviour>(options.counts[behaviour]).fill(behaviour),
  );
  behaviours.forEach((behaviour, index) => {
    const id = `${prefix}${String(index).padStart(5, '0')}`;
    const rate = (0.35 + random() * 0.45) * (options.intensity ?? 1);
    if (behaviour === 'steady') {
      const stopsAtCut = random() < 0.08;
      for (let day = 0; day < (stopsAtCut ? 28 : 42); day++) if (random() < rate) activeDay(id, day);
    } else if (behaviour === 'lapsed') {
      const lastDay = 28 - (3 + Math.floor(random() * 12)); // last active 3–14 days before the cut
      for (let day = 0; day <= lastDay; day++) if (day === lastDay || random() < rate * (1 - day / 28)) activeDay(id, day);
      if (random() < 0.4) emit(id, 'conversation_escalated', start + lastDay * DAY_MS + 20 * HOUR_MS, 'conversation', { conversation_id: `${id}-support` });
      if (random() < 0.1) activeDay(id, 28 + Math.floor(random() * 14));
    } else {
      const lastDay = 42 - (4 + Math.floor(random() * 6)); // last active 4–9 days before now
      for (let day = 0; day < 28; day++) if (random() < rate) activeDay(id, day);
      for (let day = 28; day <= lastDay; day++) if (day === 28 || day === lastDay || random() < rate * (1 - (day - 28) / 14)) activeDay(id, day);
    }
    people.push({ id, behaviour, returned: true });
  });
  // The truth the model is judged against: who had an event in [cut, cut + 14 days).
  const afterCut = new Set(events.filter((event) => event.occurredAt.getTime() >= cut).map((event) => event.userId));
  for (const person of people) person.returned = afterCut.has(person.id);
  return { people, events };
}
