import { Histogram, histogramBucketKey, mergeHistograms } from './histogram';
import { bucketStart, ROLLUP_GRANULARITIES, RollupBucket, RollupGranularity } from './rollup-buckets';
import { ALL_EVENT_TYPES } from './rollup-definition';
import { Instant, toEpochMilliseconds } from './time-zone';

/** An enriched, de-duplicated event as the rollups see it. */
export interface RollupEvent {
  tenantId: string;
  type: string;
  occurredAt: Instant;
  /** Canonical user key (identity stitching). */
  userKey: string;
  sessionId?: string | null;
  properties?: Readonly<Record<string, unknown>> | null;
  context?: Readonly<Record<string, unknown>> | null;
}

/** The numeric properties summarised when the configuration names none. */
export const DEFAULT_ROLLUP_NUMERIC_PROPERTIES: readonly string[] = Object.freeze([
  'revenue',
  'value',
  'price',
  'quantity',
  'duration',
  'response_time_ms',
  'latency_ms',
  'total_tokens',
  'input_tokens',
  'output_tokens',
  'cost',
  'score',
]);

export interface RollupConfig {
  /** The tenant's IANA time zone; buckets follow its wall clock. Call once per tenant. */
  timeZone: string;
  granularities?: readonly RollupGranularity[];
  /** Names under `properties` whose finite numeric values are summarised; other values are ignored. */
  numericProperties?: readonly string[];
  /**
   * Each set of dotted paths into the event (`properties.channel`, `context.device.type`) yields its own
   * rollups grouped by those values. The set without dimensions, [], is always added.
   */
  dimensionSets?: ReadonlyArray<readonly string[]>;
  /**
   * Also count every event, whatever its type, under event type `ALL_EVENT_TYPES` at these granularities
   * (no dimensions, no numeric summaries). They share the per-event bucket computation with the rest.
   */
  allTypesGranularities?: readonly RollupGranularity[];
}

export interface NumericSummary {
  count: number;
  sum: number;
  min: number;
  max: number;
  histogram: Histogram;
}

export interface RollupDelta {
  /** Identity of the rollup row: tenant, granularity, bucket start, event type and dimension values. */
  key: string;
  tenantId: string;
  granularity: RollupGranularity;
  bucketStart: Date;
  bucketLabel: string;
  eventType: string;
  /**
   * Path → value. Strings as sent, numbers and booleans as text, anything else (missing, null, objects)
   * as null, so a group-by's groups always add up to the total.
   */
  dimensions: Readonly<Record<string, string | null>>;
  count: number;
  /** Distinct user keys, sorted. The caller makes unique users exact by storing (bucket, user) pairs. */
  userKeys: string[];
  metrics: Readonly<Record<string, NumericSummary>>;
}

interface MutableSummary {
  count: number;
  sum: number;
  min: number;
  max: number;
  histogram: Record<string, number>;
}

interface Accumulator {
  delta: RollupDelta;
  users: Set<string>;
  metrics: Map<string, MutableSummary>;
}

/**
 * Rollup deltas for a batch of new (already de-duplicated) events: one per (granularity, bucket, event
 * type, dimension set and values), with deltas for the same key merged. Sorted by key.
 */
export function aggregateRollups(events: readonly RollupEvent[], config: RollupConfig): RollupDelta[] {
  const granularities = [...new Set(config.granularities ?? ROLLUP_GRANULARITIES)];
  // Buckets are computed once per minute for both kinds: the per-type granularities first, then the rest.
  const allTypesGranularities = [...new Set(config.allTypesGranularities ?? [])];
  const bucketGranularities = [...new Set([...granularities, ...allTypesGranularities])];
  const allTypesBucketIndexes = allTypesGranularities.map((granularity) => bucketGranularities.indexOf(granularity));
  const numericProperties = config.numericProperties ?? DEFAULT_ROLLUP_NUMERIC_PROPERTIES;
  const dimensionSets = normalizeDimensionSets(config.dimensionSets ?? []);
  // Group (tenant, type, dimension set and values) → one bucket map per granularity, keyed by bucket
  // start: one string lookup per event and dimension set, then cheap numeric lookups.
  const groups = new Map<string, Array<Map<number, Accumulator>>>();
  // Every event in the same UTC minute shares its buckets (offsets change on whole minutes).
  const bucketsByMinute = new Map<number, RollupBucket[]>();

  for (const event of events) {
    const epochMs = toEpochMilliseconds(event.occurredAt);
    const minute = Math.floor(epochMs / 60_000);
    let buckets = bucketsByMinute.get(minute);
    if (buckets === undefined) {
      buckets = bucketGranularities.map((granularity) => bucketStart(epochMs, granularity, config.timeZone));
      bucketsByMinute.set(minute, buckets);
    }
    const numbers = numericValues(event, numericProperties);
    const eventGroup = `${event.tenantId.length}:${event.tenantId}${event.type.length}:${event.type}`;
    for (let setIndex = 0; setIndex < dimensionSets.length; setIndex++) {
      const dimensionSet = dimensionSets[setIndex];
      const values = dimensionSet.segments.map((segments) => valueAtPath(event, segments));
      let groupId = `${eventGroup}#${setIndex}`;
      for (const value of values) groupId += value === null ? '|' : `|${value.length}:${value}`;
      let byGranularity = groups.get(groupId);
      if (byGranularity === undefined) {
        byGranularity = granularities.map(() => new Map<number, Accumulator>());
        groups.set(groupId, byGranularity);
      }
      for (let index = 0; index < granularities.length; index++) {
        const bucket = buckets[index];
        const startMs = bucket.start.getTime();
        let accumulator = byGranularity[index].get(startMs);
        if (accumulator === undefined) {
          const dimensions: Record<string, string | null> = {};
          dimensionSet.paths.forEach((path, position) => (dimensions[path] = values[position]));
          accumulator = newAccumulator(event.tenantId, event.type, bucket, dimensions);
          byGranularity[index].set(startMs, accumulator);
        }
        accumulator.delta.count += 1;
        accumulator.users.add(event.userKey);
        for (const number of numbers) addToSummary(accumulator.metrics, number);
      }
    }
    if (allTypesBucketIndexes.length === 0) continue;
    // Per-type group ids continue the tenant with the type's length (a digit), this one with '#'.
    const allTypesGroupId = `${event.tenantId.length}:${event.tenantId}#*`;
    let allTypesByGranularity = groups.get(allTypesGroupId);
    if (allTypesByGranularity === undefined) {
      allTypesByGranularity = allTypesBucketIndexes.map(() => new Map<number, Accumulator>());
      groups.set(allTypesGroupId, allTypesByGranularity);
    }
    for (let index = 0; index < allTypesBucketIndexes.length; index++) {
      const bucket = buckets[allTypesBucketIndexes[index]];
      const startMs = bucket.start.getTime();
      let accumulator = allTypesByGranularity[index].get(startMs);
      if (accumulator === undefined) {
        accumulator = newAccumulator(event.tenantId, ALL_EVENT_TYPES, bucket, {});
        allTypesByGranularity[index].set(startMs, accumulator);
      }
      accumulator.delta.count += 1;
      accumulator.users.add(event.userKey);
    }
  }

  const deltas: RollupDelta[] = [];
  for (const byGranularity of groups.values()) {
    for (const accumulators of byGranularity) {
      for (const { delta, users, metrics } of accumulators.values()) {
        deltas.push({ ...delta, userKeys: [...users].sort(), metrics: Object.fromEntries(metrics) });
      }
    }
  }
  return deltas.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function newAccumulator(tenantId: string, eventType: string, bucket: RollupBucket, dimensions: Record<string, string | null>): Accumulator {
  return {
    delta: {
      key: rollupKey(tenantId, bucket.granularity, bucket.start, eventType, dimensions),
      tenantId,
      granularity: bucket.granularity,
      bucketStart: bucket.start,
      bucketLabel: bucket.label,
      eventType,
      dimensions,
      count: 0,
      userKeys: [],
      metrics: {},
    },
    users: new Set(),
    metrics: new Map(),
  };
}

interface NumericObservation {
  name: string;
  value: number;
  /** Computed once per event rather than once per rollup the event lands in. */
  histogramKey: string;
}

function addToSummary(summaries: Map<string, MutableSummary>, { name, value, histogramKey }: NumericObservation): void {
  const summary = summaries.get(name);
  if (summary === undefined) {
    summaries.set(name, { count: 1, sum: value, min: value, max: value, histogram: { [histogramKey]: 1 } });
    return;
  }
  summary.count += 1;
  summary.sum += value;
  if (value < summary.min) summary.min = value;
  if (value > summary.max) summary.max = value;
  summary.histogram[histogramKey] = (summary.histogram[histogramKey] ?? 0) + 1;
}

/**
 * Combines two deltas of the same rollup (same key). Commutative and associative, except that sums of
 * non-integer values are subject to floating-point rounding in the last digits.
 */
export function mergeRollups(a: RollupDelta, b: RollupDelta): RollupDelta {
  if (a.key !== b.key) throw new RangeError(`Cannot merge different rollups: ${a.key} and ${b.key}`);
  const metrics: Record<string, NumericSummary> = { ...a.metrics };
  for (const [name, summary] of Object.entries(b.metrics)) {
    const existing = metrics[name];
    metrics[name] =
      existing === undefined
        ? summary
        : {
            count: existing.count + summary.count,
            sum: existing.sum + summary.sum,
            min: Math.min(existing.min, summary.min),
            max: Math.max(existing.max, summary.max),
            histogram: mergeHistograms(existing.histogram, summary.histogram),
          };
  }
  return {
    ...a,
    count: a.count + b.count,
    userKeys: [...new Set([...a.userKeys, ...b.userKeys])].sort(),
    metrics,
  };
}

/** A stable, unambiguous text key; dimensions are listed in path order. */
export function rollupKey(
  tenantId: string,
  granularity: RollupGranularity,
  bucketStartAt: Date,
  eventType: string,
  dimensions: Readonly<Record<string, string | null>>,
): string {
  const sortedDimensions = Object.keys(dimensions)
    .sort()
    .map((path) => [path, dimensions[path]]);
  return JSON.stringify([tenantId, granularity, bucketStartAt.toISOString(), eventType, sortedDimensions]);
}

/** Reads a dotted path through the event's own properties only (never the prototype chain). */
export function dimensionValue(event: RollupEvent, path: string): string | null {
  return valueAtPath(event, path.split('.'));
}

function valueAtPath(event: RollupEvent, segments: readonly string[]): string | null {
  let current: unknown = event;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) {
      return null;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  if (typeof current === 'string') return current;
  if ((typeof current === 'number' && Number.isFinite(current)) || typeof current === 'boolean') return String(current);
  return null;
}

function numericValues(event: RollupEvent, names: readonly string[]): NumericObservation[] {
  const properties = event.properties;
  if (properties === null || properties === undefined) return [];
  const observations: NumericObservation[] = [];
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(properties, name)) continue;
    const value = properties[name];
    if (typeof value === 'number' && Number.isFinite(value)) {
      observations.push({ name, value, histogramKey: histogramBucketKey(value) });
    }
  }
  return observations;
}

interface DimensionSet {
  paths: string[];
  segments: string[][];
}

function normalizeDimensionSets(sets: ReadonlyArray<readonly string[]>): DimensionSet[] {
  const unique = new Map<string, string[]>([['[]', []]]);
  for (const set of sets) {
    for (const path of set) {
      if (path.length === 0 || path.split('.').some((segment) => segment.length === 0)) {
        throw new RangeError(`Invalid dimension path: "${path}"`);
      }
    }
    const normalized = [...new Set(set)].sort();
    unique.set(JSON.stringify(normalized), normalized);
  }
  return [...unique.values()].map((paths) => ({ paths, segments: paths.map((path) => path.split('.')) }));
}
