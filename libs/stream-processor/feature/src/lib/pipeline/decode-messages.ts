import { decodeTopicMessage, type RawEventEnvelope, type ValidationIssue } from '@pulse/contracts';
import type { ReceivedMessage, RejectedMessage } from '@pulse/messaging';

export interface DecodedMessage {
  message: ReceivedMessage;
  envelope: RawEventEnvelope;
  /** Property and context problems, decoded leniently: the tenant's policy decides (see EventBatchProcessor). */
  violations?: ValidationIssue[];
}

export interface DecodedBatch {
  decoded: DecodedMessage[];
  rejected: RejectedMessage[];
}

/**
 * Turns a batch of messages from any inbound topic into validated envelopes, refusing each invalid
 * one with a readable reason (it goes to the dead-letter topic with its original bytes). Never throws.
 * `contractTopicOf` names the contract topic a consumed topic carries (they differ only in tests).
 */
export function decodeMessages(
  messages: readonly ReceivedMessage[],
  contractTopicOf: (topic: string) => string = (topic) => topic,
): DecodedBatch {
  const decoded: DecodedMessage[] = [];
  const rejected: RejectedMessage[] = [];
  for (const message of messages) {
    const topic = contractTopicOf(message.topic);
    const result = decodeTopicMessage(topic, message.value, { receivedAt: receivedAtOf(message), policy: 'lenient' });
    if (!result.ok) {
      rejected.push({ message, reason: result.reason, category: 'invalid', errors: result.errors });
      continue;
    }
    const unstorable = unstorableContent(result.envelope);
    if (unstorable !== undefined) rejected.push({ message, reason: unstorable, category: 'unstorable' });
    else decoded.push({ message, envelope: result.envelope, ...(result.violations ? { violations: result.violations } : {}) });
  }
  return { decoded, rejected };
}

/** The broker's timestamp (ms since epoch, as a string) as ISO-8601; the decode time if it is missing. */
function receivedAtOf(message: ReceivedMessage): string {
  const milliseconds = Number(message.timestamp);
  return new Date(Number.isFinite(milliseconds) && milliseconds > 0 ? milliseconds : Date.now()).toISOString();
}

/**
 * PostgreSQL text and jsonb cannot hold the NUL character. Such an event would fail its whole batch's
 * transaction on every redelivery, so it is refused here, before it reaches the database.
 */
function unstorableContent(envelope: RawEventEnvelope): string | undefined {
  return JSON.stringify(envelope).includes('\\u0000')
    ? 'the event contains a NUL character (\\u0000), which PostgreSQL cannot store'
    : undefined;
}
