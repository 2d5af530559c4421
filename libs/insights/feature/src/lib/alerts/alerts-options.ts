import { DEFAULT_DELIVERY_RETRY_POLICY, type DeliveryRetryPolicy } from '@pulse/analytics-core';
import { TOPICS } from '@pulse/contracts';
import type { MessageBusTransportOptions } from '@pulse/messaging';

/** How the detector and the alerting service run. */
export interface AlertsOptions {
  /** The topics consumed and published (the contract's names in production; tests use unique ones). */
  topics: { aggregates: string; anomalies: string };
  /** Consumer groups are `<prefix>.<topic>`: every insights replica shares them. */
  groupIdPrefix: string;
  delivery: {
    retry: DeliveryRetryPolicy;
    /** One webhook request may take this long. */
    timeoutMs: number;
    /** How often the queue is looked at (a new notification wakes it at once). */
    pollMs: number;
    /** A claimed delivery is left to its deliverer this long before another may take it. */
    leaseMs: number;
    /** Most deliveries claimed, and sent side by side, at once. */
    batchSize: number;
  };
}

export const ALERTS_OPTIONS = Symbol('ALERTS_OPTIONS');

export const DEFAULT_ALERTS_OPTIONS: AlertsOptions = {
  topics: { aggregates: TOPICS.aggregates, anomalies: TOPICS.anomalies },
  groupIdPrefix: 'pulse-insights',
  delivery: { retry: DEFAULT_DELIVERY_RETRY_POLICY, timeoutMs: 10_000, pollMs: 1_000, leaseMs: 60_000, batchSize: 10 },
};

/** What the bus transport needs to serve the alert handlers: their groups and the topics they read. */
export function alertsTransportOptions(options: AlertsOptions): MessageBusTransportOptions {
  return {
    groupIdPrefix: options.groupIdPrefix,
    topics: new Map([
      [TOPICS.aggregates, options.topics.aggregates],
      [TOPICS.anomalies, options.topics.anomalies],
    ]),
  };
}
