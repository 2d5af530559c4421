import type { logLevel } from 'kafkajs';
import type { MessagingLogger } from '../messaging-logger';

export interface KafkaMessageBusOptions {
  /** Bootstrap brokers, `host:port`. */
  brokers: string[];
  clientId: string;
  /** Receives kafkajs's own logs and the bus's (default: a Nest Logger named KafkaMessageBus). */
  logger?: MessagingLogger;
  /** `health.check()` fails when the cluster has not answered within this time (default 3000 ms). */
  healthTimeoutMs?: number;
  /** Most verbose kafkajs level passed to the logger (default `logLevel.INFO`). */
  logLevel?: logLevel;
}
