import { TOPICS } from '@pulse/contracts';
import {
  DEAD_LETTER_HEADERS,
  type OutgoingMessage,
  type RejectedMessage,
} from './message-bus';

/** Where rejected messages go when a subscription names no dead-letter topic. */
export const DEFAULT_DEAD_LETTER_TOPIC: string = TOPICS.deadLetter;

/**
 * The dead-letter copy of a rejected message: same key, same bytes, original headers kept,
 * plus where it came from and why it was refused (DEAD_LETTER_HEADERS).
 */
export function toDeadLetterMessage({
  message,
  reason,
  category,
  errors,
}: RejectedMessage): OutgoingMessage {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
      [DEAD_LETTER_HEADERS.error]: reason,
      ...(category ? { [DEAD_LETTER_HEADERS.category]: category } : {}),
      ...(errors?.length ? { [DEAD_LETTER_HEADERS.errors]: JSON.stringify(errors.slice(0, 50)) } : {}),
    },
  };
}
