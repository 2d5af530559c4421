import type { IntentExample } from '@pulse/analytics-core';
import type { NewEvent } from '@pulse/storage';

const MINUTE_MS = 60_000;

/**
 * `message_sent` events carrying the messages' text and, as properties, whatever else the test needs (the
 * intent label, a derived marker…), one minute apart going back from `before`.
 */
export function messageEvents(
  tenantId: string,
  messages: ReadonlyArray<IntentExample & { properties?: Record<string, unknown> }>,
  options: { before: Date; prefix: string; withLabel?: boolean },
): NewEvent[] {
  return messages.map((message, i) => {
    const at = new Date(options.before.getTime() - (i + 1) * MINUTE_MS);
    return {
      tenantId,
      eventId: `${options.prefix}-${i}`,
      type: 'message_sent',
      category: 'conversation',
      occurredAt: at,
      receivedAt: at,
      userId: `${options.prefix}-customer-${i % 13}`,
      properties: {
        conversation_id: `${options.prefix}-c${Math.floor(i / 3)}`,
        text: message.text,
        ...(options.withLabel === false ? {} : { intent: message.label }),
        ...message.properties,
      },
    };
  });
}
