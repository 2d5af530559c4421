import { intentClassifier, intentModelFromJson, type IntentClassifier } from '@pulse/analytics-core';
import { QueryFailedError } from 'typeorm';
import type { ModelVersionRepository } from './model-version.repository';

/** `model_versions.kind` of the per-tenant message intent classifier. */
export const INTENT_MODEL_KIND = 'intent';

/** How long a tenant's current intent model is trusted before it is read again (a newer version is served at most this late). */
export const INTENT_MODEL_CACHE_TTL_MS = 60_000;

/** Where message analysis finds a tenant's current intent classifier. */
export interface IntentModelSource {
  /** The tenant's current intent classifier, or undefined when it has none. Never another tenant's. */
  currentClassifier(tenantId: string): Promise<IntentClassifier | undefined>;
}

interface CachedClassifier {
  classifier: IntentClassifier | undefined;
  expiresAt: number;
}

/**
 * The tenant's current `intent` model version, prepared for scoring and cached per tenant for a minute: the
 * insights service's analyze route and the stream processor both read it. A store without `model_versions`
 * (the stream processor's, where the insights service has not migrated yet) means no model, not an error.
 */
export class StoredIntentModelSource implements IntentModelSource {
  private readonly cache = new Map<string, CachedClassifier>();

  constructor(
    private readonly models: Pick<ModelVersionRepository, 'current'>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = INTENT_MODEL_CACHE_TTL_MS,
  ) {}

  async currentClassifier(tenantId: string): Promise<IntentClassifier | undefined> {
    const now = this.now();
    const cached = this.cache.get(tenantId);
    if (cached !== undefined && cached.expiresAt > now) return cached.classifier;
    const classifier = await this.read(tenantId);
    this.cache.set(tenantId, { classifier, expiresAt: now + this.ttlMs });
    return classifier;
  }

  /** Drops the cached answer, so a version just trained in this process is served on the next call. */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  private async read(tenantId: string): Promise<IntentClassifier | undefined> {
    try {
      const stored = await this.models.current(tenantId, INTENT_MODEL_KIND);
      return stored ? intentClassifier(intentModelFromJson(stored.model)) : undefined;
    } catch (error) {
      if (isMissingTable(error)) return undefined;
      throw error;
    }
  }
}

/** 42P01 undefined_table: `model_versions` has not been created in this store. */
function isMissingTable(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: unknown } | undefined)?.code === '42P01';
}
