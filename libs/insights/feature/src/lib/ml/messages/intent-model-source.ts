import type { IntentModel } from '@pulse/analytics-core';

/**
 * Where the message analysis finds a tenant's current intent model. The ML data-access library (model
 * versions in PostgreSQL) will provide the real source; until it is wired, `NoIntentModelSource` answers
 * that no tenant has one, so every intent is `unknown` with the reason `no_intent_model`.
 */
export interface IntentModelSource {
  /** The tenant's current intent model, or undefined when it has none. Never another tenant's. */
  currentModel(tenantId: string): Promise<IntentModel | undefined>;
}

export const INTENT_MODEL_SOURCE = Symbol('IntentModelSource');

export class NoIntentModelSource implements IntentModelSource {
  async currentModel(): Promise<IntentModel | undefined> {
    return undefined;
  }
}
