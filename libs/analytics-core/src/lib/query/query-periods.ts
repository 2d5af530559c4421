import { queryBucketsBefore, listQueryBuckets, bucketsRange, type QueryBucket } from './bucket-calendar';
import { QUERY_LIMITS, type MetricQuery } from './metric-query';

/** A span of whole buckets: [from, to) = [first start, last end). */
export interface QueryPeriod {
  from: Date;
  to: Date;
  buckets: QueryBucket[];
}

export interface QueryPeriods {
  current: QueryPeriod;
  /** As many buckets, just before the current ones (a month query compares with the month before, whatever its length). */
  previous: QueryPeriod | null;
}

/**
 * The periods a validated query reads. The requested range widens to the whole buckets it touches, so
 * a bucket never holds part of its events and rollups can answer it.
 */
export function queryPeriods(query: Pick<MetricQuery, 'from' | 'to' | 'granularity' | 'timeZone' | 'compare'>): QueryPeriods {
  const listing = listQueryBuckets(query.from, query.to, query.granularity, query.timeZone, QUERY_LIMITS.maxBuckets);
  if (!listing.ok) throw new RangeError(`More than ${QUERY_LIMITS.maxBuckets} buckets: validate the query first`);
  const current = { ...bucketsRange(listing.buckets), buckets: listing.buckets };
  if (query.compare !== 'previous_period') return { current, previous: null };
  const previousBuckets = queryBucketsBefore(current.from, current.buckets.length, query.granularity, query.timeZone);
  return { current, previous: { ...bucketsRange(previousBuckets), buckets: previousBuckets } };
}
