import { mapPostHogCapture } from '../compat/posthog-compat';
import { mapSegmentMessage } from '../compat/segment-compat';
import { decodeEnvelope } from '../envelope/raw-event-envelope';
import {
  applyPropertyMappings,
  declaredPropertyNames,
} from './property-mappings';
import { setViolatingValuesAside } from './property-violations';
import { validatePulseEvent } from './validate-pulse-event';

const purchase = (properties: Record<string, unknown>) => ({
  type: 'purchase',
  timestamp: '2026-03-01T12:00:00Z',
  userId: 'user-1',
  properties,
});

describe('schema policies', () => {
  it('stores a purchase without order_id under lenient, recording the missing field', () => {
    const result = validatePulseEvent(
      purchase({ revenue: 10, currency: 'USD' }),
      { policy: 'lenient' },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.violations).toEqual([
      expect.objectContaining({
        field: 'properties.order_id',
        rule: 'isDefined',
      }),
    ]);
    expect(result.event.properties).toEqual({ revenue: 10, currency: 'USD' });
  });

  it('rejects the same purchase under strict, and without options', () => {
    for (const options of [{ policy: 'strict' as const }, undefined]) {
      const result = validatePulseEvent(
        purchase({ revenue: 10, currency: 'USD' }),
        options,
      );
      expect(result).toEqual({
        ok: false,
        errors: [
          expect.objectContaining({
            field: 'properties.order_id',
            rule: 'isDefined',
          }),
        ],
      });
    }
  });

  it('still rejects envelope problems under lenient: no user, bad timestamp, no type', () => {
    const noUser = validatePulseEvent(
      { type: 'purchase', timestamp: '2026-03-01T12:00:00Z', properties: {} },
      { policy: 'lenient' },
    );
    const badTime = validatePulseEvent(
      { ...purchase({}), timestamp: 'yesterday' },
      { policy: 'lenient' },
    );
    const noType = validatePulseEvent(
      { timestamp: '2026-03-01T12:00:00Z', userId: 'u', properties: {} },
      { policy: 'lenient' },
    );
    expect(noUser.ok).toBe(false);
    expect(badTime.ok).toBe(false);
    expect(noType.ok).toBe(false);
  });

  it('a clean event has no violations under lenient', () => {
    const result = validatePulseEvent(
      purchase({ order_id: 'o-1', revenue: 10, currency: 'USD' }),
      { policy: 'lenient' },
    );
    expect(result).toEqual({
      ok: true,
      event: expect.objectContaining({ type: 'purchase' }),
    });
  });

  it('passes the policy through the Segment and PostHog mappers', () => {
    const segment = mapSegmentMessage(
      {
        type: 'track',
        event: 'Order Completed',
        userId: 'u',
        messageId: 'm-1',
        properties: { revenue: 'ten' },
      },
      { receivedAt: '2026-03-01T12:00:00Z', schema: { policy: 'lenient' } },
    );
    expect(
      segment.ok &&
        segment.violations
          ?.map((issue) => `${issue.field}:${issue.rule}`)
          .sort(),
    ).toEqual([
      'properties.currency:isDefined',
      'properties.order_id:isDefined',
      'properties.revenue:isNumber',
    ]);
    const posthog = mapPostHogCapture(
      { event: 'add_to_cart', distinct_id: 'u', properties: { quantity: 2 } },
      { receivedAt: '2026-03-01T12:00:00Z', schema: { policy: 'strict' } },
    );
    expect(posthog.ok).toBe(false);
  });

  it('decodes an envelope leniently only when asked', () => {
    const envelope = JSON.stringify({
      schemaVersion: 1,
      tenantId: 't-1',
      receivedAt: '2026-03-01T12:00:00Z',
      source: 'http',
      event: {
        ...purchase({ revenue: -5, currency: 'USD', order_id: 'o' }),
        eventId: 'e-1',
      },
    });
    expect(decodeEnvelope(envelope).ok).toBe(false);
    const lenient = decodeEnvelope(envelope, 'lenient');
    expect(lenient.ok && lenient.violations).toEqual([
      expect.objectContaining({ field: 'properties.revenue', rule: 'min' }),
    ]);
  });
});

describe('property mappings', () => {
  const mappings = [
    {
      eventType: 'purchase',
      from: 'orderId',
      to: 'order_id',
      mode: 'rename' as const,
    },
    {
      eventType: 'purchase',
      from: 'price',
      to: 'revenue',
      mode: 'alias' as const,
    },
    {
      eventType: 'add_to_cart',
      from: 'sku',
      to: 'product_id',
      mode: 'rename' as const,
    },
  ];

  it('renames and aliases the properties of the mapped type only', () => {
    expect(
      applyPropertyMappings(
        purchase({ orderId: 'o-1', price: 9, currency: 'USD' }),
        mappings,
      ),
    ).toEqual(
      purchase({ order_id: 'o-1', price: 9, revenue: 9, currency: 'USD' }),
    );
  });

  it('never overwrites a value already sent under the target name', () => {
    expect(
      applyPropertyMappings(
        purchase({ orderId: 'o-1', order_id: 'o-2' }),
        mappings,
      ),
    ).toEqual(purchase({ orderId: 'o-1', order_id: 'o-2' }));
  });

  it('makes a purchase sent with orderId valid', () => {
    const result = validatePulseEvent(
      purchase({ orderId: 'o-1', revenue: 5, currency: 'USD' }),
      { policy: 'strict', mappings },
    );
    expect(result.ok && result.event.properties).toEqual({
      order_id: 'o-1',
      revenue: 5,
      currency: 'USD',
    });
  });

  it('lists the properties a registered type declares, none for custom types', () => {
    expect(declaredPropertyNames('purchase')).toEqual(
      expect.arrayContaining(['order_id', 'revenue', 'currency']),
    );
    expect(declaredPropertyNames('purchase')).not.toContain('orderId');
    expect(declaredPropertyNames('my_custom_thing')).toBeUndefined();
  });
});

describe('setting violating values aside', () => {
  it('moves each top-level property holding a bad value out of the event, kept as sent', () => {
    const event = {
      ...purchase({ revenue: 'ten', items: [{ price: 'x' }], currency: 'USD' }),
      category: 'commerce' as const,
    };
    const { event: clean, invalidValues } = setViolatingValuesAside(event, [
      { field: 'properties.revenue', rule: 'isNumber', message: '' },
      { field: 'properties.items[0].price', rule: 'isNumber', message: '' },
      { field: 'properties.order_id', rule: 'isDefined', message: '' },
    ]);
    expect(clean.properties).toEqual({ currency: 'USD' });
    expect(invalidValues).toEqual({
      'properties.revenue': 'ten',
      'properties.items': [{ price: 'x' }],
    });
    expect(event.properties['revenue']).toBe('ten');
  });

  it('leaves an event whose only violations are missing fields unchanged', () => {
    const event = {
      ...purchase({ revenue: 1 }),
      category: 'commerce' as const,
    };
    expect(
      setViolatingValuesAside(event, [
        { field: 'properties.order_id', rule: 'isDefined', message: '' },
      ]),
    ).toEqual({ event });
  });

  it('sets context entries aside too', () => {
    const event = {
      ...purchase({}),
      category: 'commerce' as const,
      context: { ip: 'nope', locale: 'en-US' },
    };
    const result = setViolatingValuesAside(event, [
      { field: 'context.ip', rule: 'isIp', message: '' },
    ]);
    expect(result.event.context).toEqual({ locale: 'en-US' });
    expect(result.invalidValues).toEqual({ 'context.ip': 'nope' });
  });
});
