export type { Instant, LocalDateTime, LocalWallClock } from './lib/time-zone';
export {
  formatLocalDate,
  formatUtcOffset,
  isValidTimeZone,
  localDateTime,
  timeZoneOffsetMs,
  toEpochMilliseconds,
  wallClockToInstant,
} from './lib/time-zone';
export * from './lib/time-context';
export * from './lib/rollup-buckets';
export { deterministicId } from './lib/deterministic-id';
export * from './lib/sessionization';
export * from './lib/identity-stitching';
export * from './lib/user-agent';
export * from './lib/histogram';
export * from './lib/rollup-aggregation';
export * from './lib/rollup-removal';
export * from './lib/rollup-definition';
export * from './lib/statistics';
export * from './lib/behaviour';
export * from './lib/domains';
export * from './lib/query';
export * from './lib/person-active-days';
export { seededRandom } from './lib/seeded-random';
export * from './lib/insights';
export * from './lib/ml/classification';
export * from './lib/ml/text';
export * from './lib/ml/time-series';
export * from './lib/ml/alerting';
export * from './lib/ml/regression';
export * from './lib/lifecycle/data-retention';
