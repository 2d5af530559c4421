import { validatePulseEvent } from './validate-pulse-event';

/** A valid custom event; each test changes one thing. */
function input(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventId: 'evt-1',
    type: 'newsletter_signup',
    timestamp: '2025-03-01T12:00:00Z',
    userId: 'user-1',
    properties: { list: 'weekly' },
    ...overrides,
  };
}

function errorsOf(value: unknown) {
  const result = validatePulseEvent(value);
  if (result.ok) throw new Error('expected the event to be rejected');
  return result.errors;
}

describe('validatePulseEvent: the canonical event', () => {
  it('accepts an unregistered type as a custom event with free-form properties', () => {
    expect(validatePulseEvent(input())).toEqual({
      ok: true,
      event: {
        eventId: 'evt-1',
        type: 'newsletter_signup',
        category: 'custom',
        timestamp: '2025-03-01T12:00:00Z',
        userId: 'user-1',
        properties: { list: 'weekly' },
      },
    });
  });

  it('derives the category of a registered type from the registry when omitted', () => {
    const result = validatePulseEvent(
      input({ type: 'search', properties: { query: 'headphones' } }),
    );
    expect(result.ok && result.event.category).toBe('commerce');
  });

  it('keeps a category declared on an unregistered type', () => {
    const result = validatePulseEvent(input({ category: 'content' }));
    expect(result.ok && result.event.category).toBe('content');
  });

  it('rejects a category that contradicts the registered type, naming the expected one', () => {
    expect(
      errorsOf(
        input({
          type: 'search',
          category: 'content',
          properties: { query: 'x' },
        }),
      ),
    ).toEqual([
      {
        field: 'category',
        rule: 'matchesEventTypeDomain',
        message:
          'category must be commerce for event type search (or be omitted)',
      },
    ]);
  });

  it('rejects a category outside the list', () => {
    expect(errorsOf(input({ category: 'marketing' }))[0]).toMatchObject({
      field: 'category',
      rule: 'isIn',
    });
  });

  it('treats a type named like an Object member ("constructor") as custom, not as registered', () => {
    const result = validatePulseEvent(input({ type: 'constructor' }));
    expect(result.ok && result.event.category).toBe('custom');
  });

  it('accepts an anonymousId without a userId', () => {
    const { userId: _userId, ...anonymous } = input({ anonymousId: 'anon-1' });
    expect(validatePulseEvent(anonymous).ok).toBe(true);
  });

  it('rejects an event with neither userId nor anonymousId, naming both fields once', () => {
    const { userId: _userId, ...nobody } = input();
    expect(errorsOf(nobody)).toEqual([
      {
        field: 'userId',
        rule: 'atLeastOneOf',
        message: 'userId or anonymousId is required: send at least one of them',
      },
    ]);
  });

  it('does not require a user on machine-emitted domains (a system metric)', () => {
    const metric = {
      type: 'system_metric',
      timestamp: '2025-03-01T12:00:00Z',
      properties: {
        metric_name: 'queue_depth',
        metric_value: 3,
        metric_type: 'gauge',
      },
    };
    expect(validatePulseEvent(metric).ok).toBe(true);
  });

  it('rejects a type that is not snake_case', () => {
    expect(errorsOf(input({ type: 'Newsletter Signup' }))).toEqual([
      {
        field: 'type',
        rule: 'matches',
        message:
          'type must be snake_case (lower-case letters, digits and underscores, starting with a letter)',
      },
    ]);
  });

  it('rejects a type longer than 64 characters', () => {
    expect(errorsOf(input({ type: 'a'.repeat(65) }))[0]).toMatchObject({
      field: 'type',
      rule: 'maxLength',
    });
  });

  it('rejects an eventId longer than 128 characters', () => {
    expect(errorsOf(input({ eventId: 'e'.repeat(129) }))[0]).toMatchObject({
      field: 'eventId',
      rule: 'isLength',
    });
  });

  it('rejects a timestamp without a time-zone offset', () => {
    expect(errorsOf(input({ timestamp: '2025-03-01T12:00:00' }))).toEqual([
      {
        field: 'timestamp',
        rule: 'isTimestamp',
        message:
          'timestamp must be an ISO-8601 date-time with a time-zone offset, such as 2025-03-01T12:00:00Z',
      },
    ]);
  });

  it('requires properties, reporting only that it is missing', () => {
    const { properties: _properties, ...bare } = input();
    expect(errorsOf(bare)).toEqual([
      {
        field: 'properties',
        rule: 'isDefined',
        message: 'properties is required',
      },
    ]);
  });

  it('rejects properties that are an array', () => {
    expect(errorsOf(input({ properties: [1, 2] }))).toEqual([
      {
        field: 'properties',
        rule: 'isObject',
        message: 'properties must be an object',
      },
    ]);
  });

  it('names nested context fields by their full path', () => {
    expect(errorsOf(input({ context: { page: { url: 42 } } }))).toEqual([
      {
        field: 'context.page.url',
        rule: 'isString',
        message: 'context.page.url must be a string',
      },
    ]);
  });

  it('rejects a context ip that is not an address', () => {
    expect(errorsOf(input({ context: { ip: '999.1.1.1' } }))[0]).toMatchObject({
      field: 'context.ip',
      rule: 'isIp',
    });
  });

  it('accepts a full context', () => {
    const context = {
      page: {
        url: 'https://shop.example/p/1',
        path: '/p/1',
        title: 'Headphones',
        referrer: 'https://google.com',
      },
      referrer: 'https://google.com',
      userAgent: 'Mozilla/5.0',
      ip: '203.0.113.7',
      locale: 'en-US',
      device: { type: 'mobile', manufacturer: 'Apple', model: 'iPhone15,2' },
      campaign: {
        name: 'spring',
        source: 'newsletter',
        medium: 'email',
        term: 'audio',
        content: 'banner',
      },
      library: { name: 'pulse-js', version: '1.0.0' },
    };
    const result = validatePulseEvent(input({ context }));
    expect(result.ok && result.event.context).toEqual(context);
  });

  it('drops unknown top-level fields instead of carrying them along', () => {
    const result = validatePulseEvent(input({ colour: 'blue' }));
    expect(result.ok && Object.keys(result.event)).not.toContain('colour');
  });

  it('rejects input that is not an object', () => {
    expect(errorsOf('purchase')).toEqual([
      {
        field: '',
        rule: 'isObject',
        message: 'the event must be a JSON object',
      },
    ]);
  });
});

describe('validatePulseEvent: deeply nested values', () => {
  const nested = (depth: number): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => [inner], 1);

  it('refuses properties nested past MAX_EVENT_NESTING, naming the field, where class-transformer overflowed the stack (a 500 found by fuzzing)', () => {
    expect(errorsOf(input({ properties: nested(2_000) }))).toEqual([
      { field: 'properties', rule: 'maxNesting', message: 'properties nests arrays or objects more than 64 levels deep' },
    ]);
  });

  it('accepts properties nested deep within the limit', () => {
    expect(validatePulseEvent(input({ properties: { a: nested(50) } })).ok).toBe(true);
  });
});
