import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { decodeLiveStateNotice, TOPICS } from '@pulse/contracts';
import { MESSAGE_BUS, type MessageBus, type Subscription } from '@pulse/messaging';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * The stream processor's live state notices (`pulse.live.v1`), received by every replica: each instance
 * reads in a consumer group of its own (every replica must push to the browsers connected to it), from
 * the topic's end (past notices are stale).
 */
@Injectable()
export class LiveStateNotices implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveStateNotices.name);
  private readonly listeners = new Set<(tenantId: string) => void>();
  private subscription: Subscription | undefined;
  readonly groupId = `pulse-dashboards-live.${hostname()}.${process.pid}.${randomBytes(4).toString('hex')}`;

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  /** Calls `listener` with the tenant of every notice; returns the way to stop. */
  listen(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics([TOPICS.liveState]);
    this.subscription = await this.bus.subscribe({
      groupId: this.groupId,
      topics: [TOPICS.liveState],
      fromBeginning: false,
      // A notice is a nudge: wait little for more before handing a batch over.
      fetch: { maxWaitMs: 100 },
      handleBatch: async (messages) => {
        const tenants = new Set<string>();
        for (const message of messages) {
          const decoded = decodeLiveStateNotice(message.value);
          if (decoded.ok) tenants.add(decoded.notice.tenantId);
        }
        for (const tenantId of tenants) for (const listener of this.listeners) listener(tenantId);
      },
    });
    this.logger.log(`listening to ${TOPICS.liveState} as group ${this.groupId}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }
}
