import type { NewEvent } from '../lib/repositories/new-event';

export const TENANT_A = '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
export const TENANT_B = '7d6c5b4a-3928-4716-8594-a3b2c1d0e9f8';

/** A plausible purchase event; override only what the test is about. */
export function anEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    tenantId: TENANT_A,
    eventId: 'evt-1',
    type: 'order_completed',
    category: 'commerce',
    occurredAt: new Date('2025-03-30T01:30:00.123Z'),
    receivedAt: new Date('2025-03-30T01:30:02.456Z'),
    userId: 'user-42',
    anonymousId: 'anon-7',
    sessionId: 'session-3',
    properties: {
      orderId: 'o-1',
      revenue: 129.9,
      currency: 'EUR',
      items: [{ sku: 'A-1', quantity: 2 }],
      gift: false,
      note: null,
    },
    context: {
      locale: 'fr-FR',
      library: { name: 'analytics-node', version: '2.1.0' },
      city: 'Zürich',
    },
    ...overrides,
  };
}

/** `count` events for one tenant, one second apart from `start`, ids `<prefix>-<n>`. */
export function eventSeries(
  count: number,
  start: Date,
  overrides: Partial<NewEvent> = {},
  prefix = 'evt',
): NewEvent[] {
  return Array.from({ length: count }, (_, index) =>
    anEvent({
      eventId: `${prefix}-${index}`,
      occurredAt: new Date(start.getTime() + index * 1000),
      ...overrides,
    }),
  );
}
