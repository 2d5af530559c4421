import { activeDayRangeMasks, type ActiveDayYearMask } from '../person-active-days';
import type { ALL_TYPES_ROLLUP_GRANULARITIES } from '../rollup-definition';
import { queryBucketContaining } from './bucket-calendar';
import type { QueryPeriod } from './query-periods';

export type AllTypesRollupGranularity = (typeof ALL_TYPES_ROLLUP_GRANULARITIES)[number];

/** One all-event-types ('*') rollup bucket: [start, end) of the tenant's wall clock at one granularity. */
export interface RollupTile {
  granularity: AllTypesRollupGranularity;
  start: Date;
  end: Date;
}

/** What one query period reads from the '*' rollups. */
export interface AllTypesRollupReads {
  /** Per query bucket (same order), the '*' buckets that tile it. */
  buckets: RollupTile[][];
  /** The '*' buckets that tile the whole period (for the range total of unique users). */
  range: RollupTile[];
  /**
   * When the period is made of whole local days (no hour tiles): its days as per-year masks of the
   * persons' active-day bitmaps, from which the range total of unique users is one pass over one row per
   * person. Undefined when hours are involved (the total then unions the tiles' user lists).
   */
  rangeDays: ActiveDayYearMask[] | undefined;
}

/** Coarsest first: a month list holds each person once, seven day lists hold them up to seven times. */
const COARSEST_FIRST: readonly AllTypesRollupGranularity[] = ['month', 'week', 'day', 'hour'];

/**
 * The '*' rollup buckets that exactly tile [from, to), choosing the coarsest that fit so that the fewest
 * (rollup, user) pairs are read: whole months inside, then whole weeks in the gaps left at the edges,
 * then days, then hours. Undefined when the range is not made of whole local hours (then no set of
 * rollup buckets covers exactly the range). Ordered by start.
 */
export function tileWithAllTypesRollups(from: Date, to: Date, timeZone: string): RollupTile[] | undefined {
  return tile(from.getTime(), to.getTime(), COARSEST_FIRST, timeZone);
}

/** The tiles of every bucket of a period and of the whole period; undefined when some part cannot be tiled. */
export function allTypesRollupReads(period: QueryPeriod, timeZone: string): AllTypesRollupReads | undefined {
  const range = tileWithAllTypesRollups(period.from, period.to, timeZone);
  if (range === undefined) return undefined;
  const buckets: RollupTile[][] = [];
  for (const bucket of period.buckets) {
    const tiles = tileWithAllTypesRollups(bucket.start, bucket.end, timeZone);
    if (tiles === undefined) return undefined;
    buckets.push(tiles);
  }
  const rangeDays = range.some((tile) => tile.granularity === 'hour') ? undefined : activeDayRangeMasks(period.from, period.to, timeZone);
  return { buckets, range, rangeDays };
}

function tile(from: number, to: number, levels: readonly AllTypesRollupGranularity[], timeZone: string): RollupTile[] | undefined {
  if (from >= to) return [];
  const [granularity, ...finer] = levels;
  if (granularity === undefined) return undefined;
  const run = wholeBucketsWithin(from, to, granularity, timeZone);
  if (run.length === 0) return tile(from, to, finer, timeZone);
  // Buckets of one granularity are contiguous, so what they leave is one gap before and one after.
  const before = tile(from, run[0].start.getTime(), finer, timeZone);
  const after = tile(run[run.length - 1].end.getTime(), to, finer, timeZone);
  if (before === undefined || after === undefined) return undefined;
  return [...before, ...run, ...after];
}

/** The consecutive buckets of `granularity` lying wholly inside [from, to). */
function wholeBucketsWithin(from: number, to: number, granularity: AllTypesRollupGranularity, timeZone: string): RollupTile[] {
  let bucket = queryBucketContaining(from, granularity, timeZone);
  if (bucket.start.getTime() < from) bucket = queryBucketContaining(bucket.end.getTime(), granularity, timeZone);
  const run: RollupTile[] = [];
  while (bucket.end.getTime() <= to) {
    run.push({ granularity, start: bucket.start, end: bucket.end });
    bucket = queryBucketContaining(bucket.end.getTime(), granularity, timeZone);
  }
  return run;
}
