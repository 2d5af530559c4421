import type { StoreSchema } from '@pulse/storage';
import { AlertNotificationEntity } from './alerts/alert-notification.entity';
import { AlertRuleEntity } from './alerts/alert-rule.entity';
import { CreateAlertNotifications1764115301001 } from './migrations/1764115301001-create-alert-notifications';
import { CreateAlertRules1764115301000 } from './migrations/1764115301000-create-alert-rules';
import { CreateModelVersions1764115301002 } from './migrations/1764115301002-create-model-versions';
import { ModelVersionEntity } from './models/model-version.entity';

/**
 * The insights service's ML tables: register them wherever a store the insights service uses is opened
 * (`openStore(connection, ML_STORE_SCHEMA)`; the service definition carries it). Oldest first; add new
 * migrations at the end with a timestamp no other service uses.
 */
export const ML_STORE_SCHEMA = {
  migrations: [CreateAlertRules1764115301000, CreateAlertNotifications1764115301001, CreateModelVersions1764115301002],
  entities: [AlertRuleEntity, AlertNotificationEntity, ModelVersionEntity],
} satisfies StoreSchema;
