export { SqlParameters } from './sql-parameters';
export { PERSON_KEY_SQL, EVENT_ORDER_SQL, eventMatcherSql, propertyFilterSql, propertyTextSql } from './event-match-sql';
export type { PersonCondition } from './person-condition';
export { FunnelQuery, type FunnelPath } from './funnel.query';
export { RawFunnelQuery, type FunnelQueryInput, type FunnelTotals, type DroppedPersonsPage } from './raw-funnel.query';
export { EventTimesFunnelQuery, readsEventTimes } from './event-times-funnel.query';
export { RetentionQuery, type RetentionQueryInput } from './retention.query';
export { readsFirstSeen } from './retention-first-seen.sql';
export { PathsQuery } from './paths.query';
export { SessionsQuery } from './sessions.query';
export { UserActivityQuery, type ActivityPeriods } from './user-activity.query';
export { JourneyQuery, MAX_JOURNEY_EVENTS, type JourneyEvent } from './journey.query';
export { SegmentPersonCondition, mergedTraitsSql } from './segment-person-condition';
export { UserProfileQuery } from './user-profile.query';
export { StickinessQuery, type StickinessQueryInput } from './stickiness.query';
export { SegmentEntity, type SegmentRow } from '../../entities/segment.entity';
export { SegmentRepository, SegmentNameTakenError, type NewSegment, type StoredSegment } from '../../repositories/segment.repository';
export {
  BehaviourEventMatcherDto,
  BehaviourPropertyFilterDto,
  FunnelConversionWindowDto,
  FunnelExclusionQueryDto,
  FunnelQueryDto,
  funnelQueryDefinition,
  funnelQueryIssues,
  MAX_CONVERSION_WINDOW_SECONDS,
  MAX_FUNNEL_STEPS,
  presentOrNull,
  RetentionQueryDto,
} from './behaviour-query.dto';
