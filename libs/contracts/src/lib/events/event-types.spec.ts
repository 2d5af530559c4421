import { EVENT_TYPES, eventTypeLabel, isEventOfType } from './event-types';
import { PulseEvent } from './pulse-event';
import { validatePulseEvent } from './validate-pulse-event';

function eventOf(type: string, properties: Record<string, unknown>) {
  return {
    type,
    timestamp: '2025-03-01T12:00:00Z',
    userId: 'user-1',
    properties,
  };
}

function errorsOf(type: string, properties: Record<string, unknown>) {
  const result = validatePulseEvent(eventOf(type, properties));
  if (result.ok) throw new Error(`expected ${type} to be rejected`);
  return result.errors;
}

function categoryOfValid(type: string, properties: Record<string, unknown>) {
  const result = validatePulseEvent(eventOf(type, properties));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.event.category;
}

describe('EVENT_TYPES registry', () => {
  it('names every type in snake_case and describes it', () => {
    for (const [type, definition] of Object.entries(EVENT_TYPES)) {
      expect(type).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(definition.description).not.toBe('');
    }
  });

  it('covers the domains the specs describe', () => {
    const domains = new Set(
      Object.values(EVENT_TYPES).map((definition) => definition.domain),
    );
    expect([...domains].sort()).toEqual(
      [
        'commerce',
        'content',
        'conversation',
        'identity',
        'import',
        'model_usage',
        'system',
      ].sort(),
    );
  });

  it('narrows a validated event to its registered properties type', () => {
    const event: PulseEvent = {
      type: 'purchase',
      category: 'commerce',
      timestamp: 't',
      properties: { revenue: 5 },
    };
    if (isEventOfType(event, 'purchase'))
      expect(event.properties.revenue).toBe(5);
    expect(isEventOfType(event, 'search')).toBe(false);
  });
});

describe('commerce events', () => {
  const purchase = {
    order_id: 'ord-1001',
    revenue: 59.98,
    currency: 'EUR',
    items: [
      {
        product_id: 'sku-7',
        name: 'Headphones',
        category: 'audio',
        price: 29.99,
        quantity: 2,
      },
    ],
  };

  it('accepts a purchase with order id, revenue, currency and items', () => {
    expect(categoryOfValid('purchase', purchase)).toBe('commerce');
  });

  it('accepts a purchase that states total instead of revenue', () => {
    const { revenue: _revenue, ...withTotal } = { ...purchase, total: 64.98 };
    expect(categoryOfValid('purchase', withTotal)).toBe('commerce');
  });

  it('rejects a purchase whose revenue is a string, naming properties.revenue', () => {
    expect(errorsOf('purchase', { ...purchase, revenue: '59.98' })).toEqual([
      {
        field: 'properties.revenue',
        rule: 'isNumber',
        message:
          'properties.revenue must be a number (numbers sent as strings are rejected)',
      },
    ]);
  });

  it('rejects a purchase with neither revenue nor total, naming both', () => {
    const { revenue: _revenue, ...withoutAmount } = purchase;
    expect(errorsOf('purchase', withoutAmount)).toEqual([
      {
        field: 'properties.revenue',
        rule: 'atLeastOneOf',
        message:
          'properties.revenue or properties.total is required: send at least one of them',
      },
    ]);
  });

  it('rejects a purchase without a currency', () => {
    const { currency: _currency, ...withoutCurrency } = purchase;
    expect(errorsOf('purchase', withoutCurrency)).toEqual([
      {
        field: 'properties.currency',
        rule: 'isDefined',
        message: 'properties.currency is required',
      },
    ]);
  });

  it('rejects a lower-case currency code', () => {
    expect(
      errorsOf('purchase', { ...purchase, currency: 'eur' })[0],
    ).toMatchObject({
      field: 'properties.currency',
      rule: 'matches',
    });
  });

  it('names a bad item field by its index', () => {
    const items = [{ product_id: 'sku-7', price: 29.99, quantity: 0 }];
    expect(errorsOf('purchase', { ...purchase, items })).toEqual([
      {
        field: 'properties.items[0].quantity',
        rule: 'min',
        message: 'properties.items[0].quantity must be at least 1',
      },
    ]);
  });

  it('accepts a page_view with the spec example properties', () => {
    expect(
      categoryOfValid('page_view', {
        page: '/products/wireless-headphones',
        referrer: 'google.com',
      }),
    ).toBe('commerce');
  });

  it('accepts a product_view, add_to_cart, remove_from_cart and checkout_start', () => {
    expect(
      categoryOfValid('product_view', {
        product_id: 'sku-7',
        price: 29.99,
        currency: 'EUR',
      }),
    ).toBe('commerce');
    expect(
      categoryOfValid('add_to_cart', {
        product_id: 'sku-7',
        quantity: 1,
        cart_id: 'cart-1',
      }),
    ).toBe('commerce');
    expect(categoryOfValid('remove_from_cart', { product_id: 'sku-7' })).toBe(
      'commerce',
    );
    expect(
      categoryOfValid('checkout_start', {
        cart_id: 'cart-1',
        total: 29.99,
        currency: 'EUR',
      }),
    ).toBe('commerce');
  });

  it('rejects an add_to_cart without a product id', () => {
    expect(errorsOf('add_to_cart', { quantity: 1 })).toEqual([
      {
        field: 'properties.product_id',
        rule: 'isDefined',
        message: 'properties.product_id is required',
      },
    ]);
  });

  it('accepts a search and a filter', () => {
    expect(
      categoryOfValid('search', { query: 'headphones', results_count: 12 }),
    ).toBe('commerce');
    expect(
      categoryOfValid('filter', { filters: { category: 'electronics' } }),
    ).toBe('commerce');
  });

  it('rejects a filter whose filters are not an object', () => {
    expect(errorsOf('filter', { filters: 'electronics' })[0]).toMatchObject({
      field: 'properties.filters',
      rule: 'isObject',
    });
  });
});

describe('content events', () => {
  it('accepts a content_view with its traffic source', () => {
    expect(
      categoryOfValid('content_view', {
        content_id: 'c-1',
        content_type: 'video',
        traffic_source: 'search',
      }),
    ).toBe('content');
  });

  it('accepts playback, completion, share and bookmark events', () => {
    expect(
      categoryOfValid('content_play', {
        content_id: 'c-1',
        position_seconds: 0,
      }),
    ).toBe('content');
    expect(
      categoryOfValid('content_pause', {
        content_id: 'c-1',
        position_seconds: 42.5,
        watch_time_seconds: 42.5,
      }),
    ).toBe('content');
    expect(
      categoryOfValid('content_complete', {
        content_id: 'c-1',
        watch_time_seconds: 600,
      }),
    ).toBe('content');
    expect(
      categoryOfValid('content_share', {
        content_id: 'c-1',
        share_channel: 'email',
      }),
    ).toBe('content');
    expect(categoryOfValid('content_bookmark', { content_id: 'c-1' })).toBe(
      'content',
    );
  });

  it('rejects a content_pause without a position', () => {
    expect(errorsOf('content_pause', { content_id: 'c-1' })).toEqual([
      {
        field: 'properties.position_seconds',
        rule: 'isDefined',
        message: 'properties.position_seconds is required',
      },
    ]);
  });

  it('rejects a negative playback position', () => {
    expect(
      errorsOf('content_play', { content_id: 'c-1', position_seconds: -1 }),
    ).toEqual([
      {
        field: 'properties.position_seconds',
        rule: 'min',
        message: 'properties.position_seconds must not be negative',
      },
    ]);
  });

  it('accepts a search_query and a search_result_click', () => {
    expect(
      categoryOfValid('search_query', { query: 'jazz', results_count: 3 }),
    ).toBe('content');
    expect(
      categoryOfValid('search_result_click', {
        query: 'jazz',
        content_id: 'c-9',
        position: 1,
      }),
    ).toBe('content');
  });

  it('rejects a search_result_click at rank 0 (ranks are 1-based)', () => {
    expect(
      errorsOf('search_result_click', {
        query: 'jazz',
        content_id: 'c-9',
        position: 0,
      })[0],
    ).toMatchObject({
      field: 'properties.position',
      rule: 'min',
    });
  });

  it('rejects an unknown traffic source, listing the allowed ones', () => {
    expect(
      errorsOf('content_view', { content_id: 'c-1', traffic_source: 'social' }),
    ).toEqual([
      {
        field: 'properties.traffic_source',
        rule: 'isIn',
        message:
          'properties.traffic_source must be one of: direct, search, recommendation, external',
      },
    ]);
  });
});

describe('conversation events', () => {
  const conversation = { conversation_id: 'conv-1', channel: 'web_chat' };

  it('accepts the lifecycle: started, message sent, reply received, resolved', () => {
    expect(categoryOfValid('conversation_started', conversation)).toBe(
      'conversation',
    );
    expect(
      categoryOfValid('message_sent', {
        ...conversation,
        intent: 'order_status',
        sentiment: 'negative',
      }),
    ).toBe('conversation');
    expect(
      categoryOfValid('message_received', {
        ...conversation,
        response_time_ms: 850,
        responder: 'ai',
      }),
    ).toBe('conversation');
    expect(
      categoryOfValid('conversation_resolved', {
        ...conversation,
        resolved_by: 'ai',
        satisfaction_score: 0.9,
      }),
    ).toBe('conversation');
  });

  it('accepts escalation, abandonment, retrieval and citation events', () => {
    expect(
      categoryOfValid('conversation_escalated', {
        ...conversation,
        escalated_to: 'human_agent',
      }),
    ).toBe('conversation');
    expect(
      categoryOfValid('conversation_abandoned', {
        ...conversation,
        message_count: 3,
      }),
    ).toBe('conversation');
    expect(
      categoryOfValid('knowledge_retrieved', {
        ...conversation,
        results_count: 2,
        top_score: 0.42,
        document_ids: ['d1', 'd2'],
      }),
    ).toBe('conversation');
    expect(
      categoryOfValid('citation_clicked', {
        ...conversation,
        document_id: 'd1',
      }),
    ).toBe('conversation');
  });

  it('rejects a message_received without response_time_ms', () => {
    expect(errorsOf('message_received', conversation)).toEqual([
      {
        field: 'properties.response_time_ms',
        rule: 'isDefined',
        message: 'properties.response_time_ms is required',
      },
    ]);
  });

  it('rejects a fractional response_time_ms', () => {
    expect(
      errorsOf('message_received', {
        ...conversation,
        response_time_ms: 850.5,
      })[0],
    ).toMatchObject({
      field: 'properties.response_time_ms',
      rule: 'isInt',
    });
  });

  it('rejects a conversation event without a conversation id', () => {
    expect(
      errorsOf('conversation_started', { channel: 'web_chat' })[0],
    ).toMatchObject({
      field: 'properties.conversation_id',
      rule: 'isDefined',
    });
  });

  it('rejects a satisfaction score above 1', () => {
    expect(
      errorsOf('conversation_resolved', {
        ...conversation,
        satisfaction_score: 4,
      }),
    ).toEqual([
      {
        field: 'properties.satisfaction_score',
        rule: 'max',
        message: 'properties.satisfaction_score must be between 0 and 1',
      },
    ]);
  });

  it('rejects document ids that are not all strings', () => {
    expect(
      errorsOf('knowledge_retrieved', {
        ...conversation,
        results_count: 1,
        document_ids: ['d1', 7],
      })[0],
    ).toMatchObject({ field: 'properties.document_ids', rule: 'isStringList' });
  });
});

describe('model usage events', () => {
  const usage = {
    model_provider: 'openai',
    model_name: 'gpt-4o-mini',
    operation: 'chat_completion',
    input_tokens: 1200,
    output_tokens: 300,
    tokens_used: 1500,
    cost_cents: 0.27,
    latency_ms: 920,
    success: true,
  };

  it('accepts a call with its token split, cost in cents and latency', () => {
    expect(categoryOfValid('model_usage', usage)).toBe('model_usage');
  });

  it('accepts a failed call with its error code', () => {
    expect(
      categoryOfValid('model_usage', {
        ...usage,
        success: false,
        error_code: 'rate_limited',
      }),
    ).toBe('model_usage');
  });

  it('rejects success sent as the string "true"', () => {
    expect(errorsOf('model_usage', { ...usage, success: 'true' })).toEqual([
      {
        field: 'properties.success',
        rule: 'isBoolean',
        message:
          'properties.success must be true or false (booleans sent as strings are rejected)',
      },
    ]);
  });

  it('rejects tokens_used sent as a string', () => {
    expect(
      errorsOf('model_usage', { ...usage, tokens_used: '1500' })[0],
    ).toMatchObject({
      field: 'properties.tokens_used',
      rule: 'isInt',
    });
  });
});

describe('system metric events', () => {
  const metric = {
    metric_name: 'http_requests_total',
    metric_value: 1042,
    metric_type: 'counter',
    tags: { service: 'api' },
    unit: 'requests',
  };

  it('accepts a metric with tags and unit', () => {
    expect(categoryOfValid('system_metric', metric)).toBe('system');
  });

  it('rejects a metric type outside the spec list', () => {
    expect(
      errorsOf('system_metric', { ...metric, metric_type: 'timer' }),
    ).toEqual([
      {
        field: 'properties.metric_type',
        rule: 'isIn',
        message:
          'properties.metric_type must be one of: counter, gauge, histogram, summary, rate',
      },
    ]);
  });

  it('rejects tags whose values are not strings', () => {
    expect(
      errorsOf('system_metric', { ...metric, tags: { shard: 3 } })[0],
    ).toMatchObject({
      field: 'properties.tags',
      rule: 'isStringMap',
    });
  });
});

describe('import job events', () => {
  const job = { job_id: 'imp-7', source: 'csv_upload' };

  it('accepts started, completed and failed jobs', () => {
    expect(
      categoryOfValid('import_started', { ...job, records_total: 5000 }),
    ).toBe('import');
    expect(
      categoryOfValid('import_completed', {
        ...job,
        records_processed: 5000,
        records_failed: 12,
        duration_ms: 8300,
      }),
    ).toBe('import');
    expect(
      categoryOfValid('import_failed', {
        ...job,
        error_message: 'header row missing',
      }),
    ).toBe('import');
  });

  it('rejects a completed job without its record counts', () => {
    expect(
      errorsOf('import_completed', { ...job, duration_ms: 8300 }).map(
        (error) => error.field,
      ),
    ).toEqual(['properties.records_processed', 'properties.records_failed']);
  });

  it('rejects a failed job without an error message', () => {
    expect(errorsOf('import_failed', job)).toEqual([
      {
        field: 'properties.error_message',
        rule: 'isDefined',
        message: 'properties.error_message is required',
      },
    ]);
  });
});

describe('identity events', () => {
  it('accepts an identify with traits, an alias and a group', () => {
    expect(categoryOfValid('identify', { traits: { plan: 'pro' } })).toBe(
      'identity',
    );
    expect(categoryOfValid('alias', { previous_id: 'anon-1' })).toBe(
      'identity',
    );
    expect(
      categoryOfValid('group', { group_id: 'acme', traits: { seats: 40 } }),
    ).toBe('identity');
  });

  it('rejects an alias without the id it merges', () => {
    expect(errorsOf('alias', {})).toEqual([
      {
        field: 'properties.previous_id',
        rule: 'isDefined',
        message: 'properties.previous_id is required',
      },
    ]);
  });

  it('rejects identify traits that are not an object', () => {
    expect(errorsOf('identify', { traits: 'pro' })[0]).toMatchObject({
      field: 'properties.traits',
      rule: 'isObject',
    });
  });
});

describe('eventTypeLabel', () => {
  it('keeps registered types and folds every other name into custom, a missing one into unknown', () => {
    expect(eventTypeLabel('purchase')).toBe('purchase');
    expect(eventTypeLabel('Order Completed')).toBe('custom');
    expect(eventTypeLabel('constructor')).toBe('custom');
    expect(eventTypeLabel('  ')).toBe('unknown');
    expect(eventTypeLabel(42)).toBe('unknown');
  });
});
