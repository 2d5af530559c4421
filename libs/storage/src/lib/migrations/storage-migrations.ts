import { CreateTenants1764115200000 } from './1764115200000-create-tenants';
import { CreateEvents1764115200001 } from './1764115200001-create-events';
import { CreateTenantSecretKeys1764115200100 } from './1764115200100-create-tenant-secret-keys';
import { AddEventEnrichment1764115200200 } from './1764115200200-add-event-enrichment';
import { CreateIdentityLinksAndUserSessions1764115200201 } from './1764115200201-create-identity-links-and-user-sessions';
import { CreateEventRollups1764115200202 } from './1764115200202-create-event-rollups';
import { CreateConversationMetrics1764115200203 } from './1764115200203-create-conversation-metrics';
import { CreateSegments1764115200400 } from './1764115200400-create-segments';
import { IndexEventsByPerson1764115200500 } from './1764115200500-index-events-by-person';
import { AddAllTypesRollupsAndFirstSeen1764115200700 } from './1764115200700-add-all-types-rollups-and-first-seen';
import { AddPersonActiveDays1764115200800 } from './1764115200800-add-person-active-days';
import { AddEventTimeChunks1764115200900 } from './1764115200900-add-event-time-chunks';
import { AddDataQuality1764115201000 } from './1764115201000-add-data-quality';
import { AddTenantStoreMessageText1764115201110 } from './1764115201110-add-tenant-store-message-text';
import { AddPersonErasure1764115201300 } from './1764115201300-add-person-erasure';
import { AddTenantRetention1764115201500 } from './1764115201500-add-tenant-retention';
import { AddSecretKeyScopes1764115201700 } from './1764115201700-add-secret-key-scopes';

/** Every migration, oldest first. Add new ones at the end (see the lib README). */
export const STORAGE_MIGRATIONS = [
  CreateTenants1764115200000,
  CreateEvents1764115200001,
  CreateTenantSecretKeys1764115200100,
  AddEventEnrichment1764115200200,
  CreateIdentityLinksAndUserSessions1764115200201,
  CreateEventRollups1764115200202,
  CreateConversationMetrics1764115200203,
  CreateSegments1764115200400,
  IndexEventsByPerson1764115200500,
  AddAllTypesRollupsAndFirstSeen1764115200700,
  AddPersonActiveDays1764115200800,
  AddEventTimeChunks1764115200900,
  AddDataQuality1764115201000,
  AddTenantStoreMessageText1764115201110,
  AddPersonErasure1764115201300,
  AddTenantRetention1764115201500,
  AddSecretKeyScopes1764115201700,
];
