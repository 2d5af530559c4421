export { SqlParameters } from './sql-parameters';
export { PERSON_KEY_SQL, EVENT_ORDER_SQL, eventMatcherSql, propertyFilterSql, propertyTextSql } from './event-match-sql';
export type { PersonCondition } from './person-condition';
export { FunnelQuery, type FunnelQueryInput, type FunnelTotals, type DroppedPersonsPage } from './funnel.query';
export { RetentionQuery, type RetentionQueryInput } from './retention.query';
export { PathsQuery } from './paths.query';
export { SessionsQuery } from './sessions.query';
export { JourneyQuery, MAX_JOURNEY_EVENTS, type JourneyEvent } from './journey.query';
