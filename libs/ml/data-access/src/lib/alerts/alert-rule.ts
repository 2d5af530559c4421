import type { AlertCondition, AlertGranularity, OpenIncident } from '@pulse/analytics-core';

/** What a tenant says about a rule (the API's body, checked). */
export interface AlertRuleDefinition {
  name: string;
  /** The watched metric: the body of `POST /v1/query` without range and granularity (the rule's own). */
  query: Record<string, unknown>;
  condition: AlertCondition;
  granularity: AlertGranularity;
  cooldownSeconds: number;
  webhookUrl: string;
  enabled: boolean;
}

/** A stored rule: the definition, its signing secret and the detector's state. */
export interface StoredAlertRule extends AlertRuleDefinition {
  id: string;
  tenantId: string;
  /** HMAC-SHA256 key of the webhook signature; shown to the tenant once, at creation. */
  webhookSecret: string;
  /** The incident the rule is in, if any. */
  openIncident: OpenIncident | null;
  /** Start of the latest bucket the detector evaluated. */
  lastEvaluatedBucket: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
