import { Inject, Injectable, Logger } from '@nestjs/common';
import { encodeLiveStateNotice, TOPICS } from '@pulse/contracts';
import { MESSAGE_BUS, type MessageBus } from '@pulse/messaging';

/**
 * Tells readers of the live state (the dashboards service's live streams) that a tenant's live state
 * changed: one notice per tenant per stored batch on `pulse.live.v1`. Best effort and not awaited by the
 * batch — a lost notice delays a push until the next batch, it never holds up storing events.
 */
@Injectable()
export class LiveStateNotifier {
  private readonly logger = new Logger(LiveStateNotifier.name);
  private topicReady: Promise<void> | null = null;

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  notify(eventsByTenant: ReadonlyMap<string, number>, at: Date): void {
    if (eventsByTenant.size === 0) return;
    const messages = [...eventsByTenant].map(([tenantId, events]) => ({
      key: tenantId,
      value: encodeLiveStateNotice({ schemaVersion: 1, tenantId, events, at: at.toISOString() }),
    }));
    // Created on first use (as the aggregates topic is): the consumers' topic creations run at start.
    this.topicReady ??= this.bus.ensureTopics([TOPICS.liveState]);
    this.topicReady
      .then(() => this.bus.publish(TOPICS.liveState, messages))
      .catch((error: Error) => {
        this.topicReady = null;
        this.logger.warn(`live state notice not published (${messages.length} tenants): ${error.message}`);
      });
  }
}
