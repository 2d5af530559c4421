import type { IntentClassifier } from '@pulse/analytics-core';
import type { IntentModelSource } from '@pulse/ml-data-access';
import type { IncomingEvent } from './incoming-event';
import { carriesMessageText, deriveMessageProperties } from './message-derivation';

/**
 * Derives sentiment and intent for a batch's message events (see `deriveMessageProperties`), with each tenant's
 * current intent model. Runs before the batch's transaction: reading a model inside it would wait forever for the
 * embedded store's one connection.
 */
export class MessageDeriver {
  constructor(private readonly intentModels: IntentModelSource) {}

  async derive(events: readonly IncomingEvent[]): Promise<IncomingEvent[]> {
    const classifiers = new Map<string, IntentClassifier | undefined>();
    for (const { tenant, event } of events) {
      if (carriesMessageText(event.type, event.properties) && !classifiers.has(tenant.id)) {
        classifiers.set(tenant.id, await this.intentModels.currentClassifier(tenant.id));
      }
    }
    if (classifiers.size === 0) return [...events];
    return events.map((incoming) => {
      const { tenant, event } = incoming;
      if (!carriesMessageText(event.type, event.properties)) return incoming;
      const properties = deriveMessageProperties(event.type, event.properties, { classifier: classifiers.get(tenant.id), storeText: tenant.storeMessageText });
      return { ...incoming, event: { ...event, properties } };
    });
  }
}
