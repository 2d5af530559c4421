import { ConversationDailyCustomerEntity } from './conversation-daily-customer.entity';
import { ConversationDailyMetricsEntity } from './conversation-daily-metrics.entity';
import { ConversationStateEntity } from './conversation-state.entity';
import { EventRollupMetricEntity } from './event-rollup-metric.entity';
import { EventRollupUserEntity } from './event-rollup-user.entity';
import { EventRollupEntity } from './event-rollup.entity';
import { EventEntity } from './event.entity';
import { IdentityLinkEntity } from './identity-link.entity';
import { TenantEntity } from './tenant.entity';
import { UserSessionStateEntity } from './user-session-state.entity';
import { TenantSecretKeyEntity } from './tenant-secret-key.entity';
import { SegmentEntity } from './segment.entity';
import { PersonFirstSeenEntity } from './person-first-seen.entity';
import { PersonActiveDaysEntity } from './person-active-days.entity';
import { PersonIdEntity } from './person-id.entity';
import { EventTimeChunkEntity } from './event-time-chunk.entity';

export const STORAGE_ENTITIES = [
  TenantEntity,
  EventEntity,
  IdentityLinkEntity,
  UserSessionStateEntity,
  EventRollupEntity,
  EventRollupUserEntity,
  EventRollupMetricEntity,
  ConversationStateEntity,
  ConversationDailyMetricsEntity,
  ConversationDailyCustomerEntity,
  TenantSecretKeyEntity,
  SegmentEntity,
  PersonFirstSeenEntity,
  PersonActiveDaysEntity,
  PersonIdEntity,
  EventTimeChunkEntity,
];
