export { TenantRetentionRepository } from './tenant-retention.repository';
export {
  deleteExpiredEvents,
  deleteExpiredEventTimeChunks,
  deleteExpiredRollups,
  RetentionSweepRepository,
  type RetentionSweepCounts,
  type RetentionSweepRecord,
} from './retention-sweep.repository';
