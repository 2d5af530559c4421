import type { ReceivedMessage } from '@pulse/messaging';
import { decodeMessages } from './decode-messages';

function message(topic: string, value: string, timestamp = String(Date.parse('2025-03-12T15:00:00Z'))): ReceivedMessage {
  return { topic, partition: 0, offset: '7', key: null, value: Buffer.from(value), headers: {}, timestamp };
}

const envelope = (event: Record<string, unknown>) =>
  JSON.stringify({ schemaVersion: 1, tenantId: 't1', receivedAt: '2025-03-12T14:59:59Z', source: 'http', event });
const pageView = { eventId: 'e1', type: 'page_view', timestamp: '2025-03-12T14:59:00Z', userId: 'u1', properties: {} };

describe('decodeMessages', () => {
  it('decodes a raw-topic envelope and fills in the category of a registered type', () => {
    const { decoded, rejected } = decodeMessages([message('pulse.events.raw.v1', envelope(pageView))]);

    expect(rejected).toEqual([]);
    expect(decoded[0].envelope).toMatchObject({ tenantId: 't1', event: { eventId: 'e1', category: 'commerce' } });
  });

  it("stamps domain-topic events with the broker's timestamp as their receivedAt", () => {
    const value = JSON.stringify({ event_id: 'm1', tenant_id: 't1', timestamp: '2025-03-12T14:00:00', model_provider: 'openai', model_name: 'x', operation: 'chat', tokens_used: 5, cost_cents: 1, latency_ms: 9, success: true });

    const { decoded } = decodeMessages([message('model.usage.v1', value)]);

    expect(decoded[0].envelope).toMatchObject({ receivedAt: '2025-03-12T15:00:00.000Z', source: 'kafka', event: { type: 'model_usage', timestamp: '2025-03-12T14:00:00Z' } });
  });

  it('refuses what is not JSON, with a reason, and keeps going', () => {
    const poison = message('pulse.events.raw.v1', '{"schemaVersion": 1,');

    const { decoded, rejected } = decodeMessages([poison, message('pulse.events.raw.v1', envelope(pageView))]);

    expect(rejected).toEqual([
      {
        message: poison,
        reason: expect.stringContaining('not valid UTF-8 JSON'),
        category: 'invalid',
        errors: [{ field: '', rule: 'isJson', message: expect.stringContaining('not valid UTF-8 JSON') }],
      },
    ]);
    expect(decoded).toHaveLength(1);
  });

  it('refuses an event carrying a NUL character, which PostgreSQL cannot store', () => {
    const { rejected } = decodeMessages([message('pulse.events.raw.v1', envelope({ ...pageView, properties: { path: 'a\u0000b' } }))]);

    expect(rejected[0].reason).toContain('NUL character');
  });

  it('decodes leniently: property problems travel beside the event for the tenant\'s policy to judge', () => {
    const purchase = { eventId: 'p1', type: 'purchase', timestamp: '2025-03-12T14:59:00Z', userId: 'u1', properties: { revenue: 'ten', currency: 'EUR' } };

    const { decoded, rejected } = decodeMessages([message('pulse.events.raw.v1', envelope(purchase))]);

    expect(rejected).toEqual([]);
    expect(decoded[0].violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'properties.revenue' }),
        expect.objectContaining({ field: 'properties.order_id', rule: 'isDefined' }),
      ]),
    );
  });

  it('decodes a consumed topic as the contract topic it carries', () => {
    const { decoded, rejected } = decodeMessages([message('test-1.pulse.events.raw.v1', envelope(pageView))], (topic) =>
      topic.replace('test-1.', ''),
    );

    expect(rejected).toEqual([]);
    expect(decoded).toHaveLength(1);
  });
});
