import { encodeQuarantineRecord, QUARANTINE_RECORD_HEADER } from '@pulse/contracts';
import { DEAD_LETTER_HEADERS, type ReceivedMessage } from '@pulse/messaging';
import { MAX_QUARANTINED_PAYLOAD_CHARS, quarantineCandidateOf } from './quarantine-candidates';

const TENANT = '7d0c4f4e-3f4c-4a55-9d2b-7f5a0b8f2f10';

function deadLetter(value: string, headers: Record<string, string>, key: string | null = null): ReceivedMessage {
  return { topic: 'pulse.events.dlq.v1', partition: 0, offset: '7', key, value: Buffer.from(value), headers, timestamp: '1772359200000' };
}

describe('quarantineCandidateOf', () => {
  it('reads an ingestion refusal from its record', () => {
    const record = {
      tenantId: TENANT,
      receivedAt: '2026-03-01T10:00:00.000Z',
      source: 'posthog',
      eventId: 'u-1',
      eventType: 'purchase',
      reason: 'invalid',
      errors: [{ field: 'properties.order_id', rule: 'isDefined', message: 'properties.order_id is required' }],
      payload: { event: 'purchase', properties: { revenue: 5 } },
    };
    expect(quarantineCandidateOf(deadLetter(encodeQuarantineRecord(record), { [QUARANTINE_RECORD_HEADER]: '1' }))).toEqual({
      ...record,
      receivedAt: new Date(record.receivedAt),
      stage: 'ingestion',
    });
  });

  it('reads a processor dead letter of an envelope: tenant, ids, the reason headers, the topic as source', () => {
    const envelope = {
      schemaVersion: 1,
      tenantId: TENANT,
      receivedAt: '2026-03-01T09:00:00.000Z',
      source: 'http',
      event: { eventId: 'e-1', type: 'purchase', userId: 'u', timestamp: '2026-03-01T09:00:00Z', properties: {} },
    };
    const errors = [{ field: 'properties.revenue', rule: 'isNumber', message: 'revenue must be a number' }];
    const candidate = quarantineCandidateOf(
      deadLetter(JSON.stringify(envelope), {
        [DEAD_LETTER_HEADERS.originalTopic]: 'pulse.events.raw.v1',
        [DEAD_LETTER_HEADERS.error]: 'breaks its rules',
        [DEAD_LETTER_HEADERS.category]: 'schema_violation',
        [DEAD_LETTER_HEADERS.errors]: JSON.stringify(errors),
      }),
    );
    expect(candidate).toEqual({
      tenantId: TENANT,
      receivedAt: new Date('2026-03-01T09:00:00.000Z'),
      stage: 'processor',
      source: 'pulse.events.raw.v1',
      eventId: 'e-1',
      eventType: 'purchase',
      reason: 'schema_violation',
      errors,
      payload: envelope,
    });
  });

  it('reads a poison domain-topic message: tenant_id from the body, the error header as its only issue', () => {
    const candidate = quarantineCandidateOf(
      deadLetter(JSON.stringify({ tenant_id: TENANT, event_id: 'c-9', event_type: 'started', timestamp: 'soon' }), {
        [DEAD_LETTER_HEADERS.originalTopic]: 'conversation.events.v1',
        [DEAD_LETTER_HEADERS.error]: 'timestamp must be an ISO-8601 date-time',
      }),
    );
    expect(candidate).toMatchObject({
      tenantId: TENANT,
      source: 'conversation.events.v1',
      eventId: 'c-9',
      eventType: 'started',
      reason: 'invalid',
      errors: [{ field: '', rule: 'invalid', message: 'timestamp must be an ISO-8601 date-time' }],
      receivedAt: new Date(1772359200000),
    });
  });

  it('falls back to the partition key for a value that is not JSON, and keeps the text', () => {
    const candidate = quarantineCandidateOf(deadLetter('not json at all', {}, `${TENANT}:user-1`));
    expect(candidate).toMatchObject({ tenantId: TENANT, payload: 'not json at all', eventId: null, eventType: null });
  });

  it('names no tenant for a message without one (nobody to keep it for)', () => {
    expect(quarantineCandidateOf(deadLetter('{"hello":1}', {}, 'user-1'))).toBeUndefined();
    expect(quarantineCandidateOf(deadLetter('{"tenantId":"acme"}', {}))).toBeUndefined();
    expect(quarantineCandidateOf(deadLetter('{}', { [QUARANTINE_RECORD_HEADER]: '1' }))).toBeUndefined();
  });

  it('cuts a payload beyond the bound to its first characters', () => {
    const huge = 'x'.repeat(MAX_QUARANTINED_PAYLOAD_CHARS + 10);
    const candidate = quarantineCandidateOf(deadLetter(huge, {}, `${TENANT}:u`));
    expect((candidate?.payload as string).length).toBe(MAX_QUARANTINED_PAYLOAD_CHARS);
  });

  it('keeps an event refused for a NUL character in a form PostgreSQL can store', () => {
    const envelope = { tenantId: TENANT, event: { eventId: 'n-1', type: 'page_view', properties: { path: 'a\u0000b' } } };
    const raw = quarantineCandidateOf(deadLetter(`${JSON.stringify(envelope)}`, { [DEAD_LETTER_HEADERS.error]: 'has a NUL \u0000 character' }));

    // The JSON keeps its escaped NUL as text; the raw NUL in the reason becomes U+FFFD.
    expect(raw?.payload).toBe(JSON.stringify(envelope));
    expect(raw?.errors[0]?.message).toBe('has a NUL \uFFFD character');
    const text = quarantineCandidateOf(deadLetter('not json \u0000 at all', {}, `${TENANT}:u`));
    expect(text?.payload).toBe('not json \uFFFD at all');
  });
});
