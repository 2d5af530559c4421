import { logisticModelFromJson, type LogisticModel, type ValidationMetrics } from '@pulse/analytics-core';
import type { ModelVersionRepository, StoredModelVersion } from '@pulse/ml-data-access';
import { NotFoundException } from '@nestjs/common';

/** The model kinds this service trains, as stored in `model_versions.kind`. */
export type PredictionModelKind = 'churn' | 'satisfaction' | 'intent';

/** Why a version was trained, kept in its metrics. */
export type TrainingTrigger = 'request' | 'nightly';

export interface ServedVersion {
  version: number;
  model: LogisticModel;
  /** How it validated when trained (the AUC and Brier that `isBetterModel` compares). */
  metrics: ValidationMetrics;
  stored: StoredModelVersion;
}

/** The tenant's served version of a kind, or null; always read with the tenant's own id. */
export async function servedVersion(models: ModelVersionRepository, tenantId: string, kind: PredictionModelKind): Promise<ServedVersion | null> {
  const stored = await models.current(tenantId, kind);
  if (!stored) return null;
  return {
    version: stored.version,
    model: logisticModelFromJson(stored.model),
    metrics: { auc: finiteOrUndefined(stored.metrics['auc']), brier: finiteOrUndefined(stored.metrics['brier']) },
    stored,
  };
}

/** As `servedVersion`, but a tenant without one gets a 404 saying how to train one. */
export async function requireServedVersion(models: ModelVersionRepository, tenantId: string, kind: PredictionModelKind): Promise<ServedVersion> {
  const served = await servedVersion(models, tenantId, kind);
  if (!served) throw new NotFoundException(`No ${kind} model has been trained for this tenant yet: POST /v1/ml/${kind}/train`);
  return served;
}

export function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** JSON has no undefined: metrics the data could not define are stored and answered as null. */
export function orNull(value: number | undefined): number | null {
  return value === undefined ? null : value;
}
