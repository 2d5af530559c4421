export { ML_STORE_SCHEMA } from './lib/ml-store-schema';
export { AlertRuleEntity, type AlertRuleRow } from './lib/alerts/alert-rule.entity';
export type { AlertRuleDefinition, StoredAlertRule } from './lib/alerts/alert-rule';
export { AlertRuleRepository } from './lib/alerts/alert-rule.repository';
export {
  AlertNotificationEntity,
  type AlertNotificationKind,
  type AlertNotificationRow,
  type AlertNotificationStatus,
  type DeliveryAttempt,
} from './lib/alerts/alert-notification.entity';
export type { ClaimedDelivery, DeliveryOutcome, NewAlertNotification, StoredAlertNotification } from './lib/alerts/alert-notification';
export { AlertNotificationRepository } from './lib/alerts/alert-notification.repository';
export { ModelVersionEntity, type ModelVersionRow } from './lib/models/model-version.entity';
export type { NewModelVersion, StoredModelVersion } from './lib/models/model-version';
export { ModelVersionRepository } from './lib/models/model-version.repository';
export { MlRepositoriesModule } from './lib/ml-repositories.module';
export { INTENT_MODEL_CACHE_TTL_MS, INTENT_MODEL_KIND, StoredIntentModelSource, type IntentModelSource } from './lib/models/intent-model-source';
