import {
  decodeEnvelope,
  encodeEnvelope,
  RawEventEnvelope,
} from './raw-event-envelope';

const envelope: RawEventEnvelope = {
  schemaVersion: 1,
  tenantId: 'tenant-1',
  receivedAt: '2025-03-01T12:00:01.000Z',
  sentAt: '2025-03-01T12:00:00.900Z',
  source: 'http',
  event: {
    eventId: 'evt-1',
    type: 'search',
    category: 'commerce',
    timestamp: '2025-03-01T12:00:00Z',
    userId: 'user-1',
    properties: { query: 'headphones' },
  },
};

function withEvent(event: Record<string, unknown>): string {
  return JSON.stringify({
    ...envelope,
    event: { ...envelope.event, ...event },
  });
}

describe('raw event envelope', () => {
  it('decodes what it encodes', () => {
    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual({
      ok: true,
      envelope,
    });
  });

  it('decodes bytes as UTF-8', () => {
    expect(
      decodeEnvelope(Buffer.from(encodeEnvelope(envelope), 'utf8')),
    ).toEqual({ ok: true, envelope });
  });

  it('fills in the category of a registered type when the producer left it out', () => {
    const { category: _category, ...withoutCategory } = envelope.event;
    const result = decodeEnvelope(
      JSON.stringify({ ...envelope, event: withoutCategory }),
    );
    expect(result.ok && result.envelope.event.category).toBe('commerce');
  });

  it('reports invalid JSON as a reason instead of throwing', () => {
    const result = decodeEnvelope('{"schemaVersion":1,');
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: '', rule: 'isJson' }],
    });
    expect(!result.ok && result.reason).toMatch(
      /^message is not valid UTF-8 JSON/,
    );
  });

  it('rejects a schema version it does not read', () => {
    const result = decodeEnvelope(
      JSON.stringify({ ...envelope, schemaVersion: 2 }),
    );
    expect(!result.ok && result.errors).toEqual([
      {
        field: 'schemaVersion',
        rule: 'equals',
        message: 'schemaVersion must be 1 (this decoder reads version 1 only)',
      },
    ]);
  });

  it('prefixes event errors with event. and joins them into one reason', () => {
    const result = decodeEnvelope(
      withEvent({ category: 'content', properties: { query: 42 } }),
    );
    expect(result).toEqual({
      ok: false,
      reason:
        'event.category must be commerce for event type search (or be omitted); ' +
        'event.properties.query must be a string',
      errors: [
        {
          field: 'event.category',
          rule: 'matchesEventTypeDomain',
          message:
            'event.category must be commerce for event type search (or be omitted)',
        },
        {
          field: 'event.properties.query',
          rule: 'isString',
          message: 'event.properties.query must be a string',
        },
      ],
    });
  });

  it('requires an eventId inside an envelope, the de-duplication key', () => {
    const { eventId: _eventId, ...withoutId } = envelope.event;
    const result = decodeEnvelope(
      JSON.stringify({ ...envelope, event: withoutId }),
    );
    expect(!result.ok && result.errors).toEqual([
      {
        field: 'event.eventId',
        rule: 'isDefined',
        message: 'event.eventId is required in an envelope',
      },
    ]);
  });

  it('reports envelope and event errors together', () => {
    const result = decodeEnvelope(
      JSON.stringify({
        ...envelope,
        source: 'ftp',
        event: { ...envelope.event, timestamp: 'yesterday' },
      }),
    );
    expect(!result.ok && result.errors.map((error) => error.field)).toEqual([
      'source',
      'event.timestamp',
    ]);
  });
});
