import { NASTY_TIMESTAMPS, nearValid, toJsonText, wildJson } from '@pulse/observability/testing';
import fc from 'fast-check';
import { deflateSync, gzipSync } from 'node:zlib';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Event times around the edges of ingestion's window (24 hours ahead, 365 days back, both inclusive) as seen
 * from when the body is generated, plus timestamps no clock can mean.
 */
export const eventTime: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.integer({ min: -10 * 60_000, max: 0 }).map((offset) => new Date(Date.now() + offset).toISOString()), weight: 4 },
  {
    arbitrary: fc
      .constantFrom(24 * HOUR - 1_000, 24 * HOUR + 1_000, -365 * DAY + 60_000, -365 * DAY - 60_000, -30 * DAY, 7 * DAY)
      .map((offset) => new Date(Date.now() + offset).toISOString()),
    weight: 2,
  },
  { arbitrary: fc.integer({ min: -12, max: 14 }).map((hours) => offsetIso(Date.now() - HOUR, hours)), weight: 1 },
  { arbitrary: fc.constantFrom(...NASTY_TIMESTAMPS), weight: 1 },
);

/** The instant written with a UTC offset of `hours` (`2026-03-01T13:00:00.000+02:00`). */
function offsetIso(at: number, hours: number): string {
  const local = new Date(at + hours * HOUR).toISOString().slice(0, -1);
  const sign = hours < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}

const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }));
const properties = fc.oneof(
  fc.constant({ query: 'running shoes' }),
  fc.constant({ order_id: 'o-1', revenue: 42.5, currency: 'EUR', items: [{ product_id: 'p-1', price: 42.5, quantity: 1 }] }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

/** A native event (`POST /v1/events`): registered and custom types, any of the optional fields. */
export function nativeEvent(otherTenantId: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      eventId: id,
      type: fc.constantFrom('search', 'page_view', 'purchase', 'message_sent', 'custom_thing'),
      timestamp: eventTime,
      userId: id,
      anonymousId: id,
      sessionId: id,
      properties,
      context: fc.constantFrom({}, { page: { url: 'https://shop.example/' }, locale: 'de-DE' }, { ip: '203.0.113.9', userAgent: 'fuzz' }),
      sentAt: eventTime,
      // Another tenant's id where a careless mapper might take it from: it must never be the event's tenant.
      tenantId: fc.constant(otherTenantId),
    },
    { requiredKeys: ['type', 'timestamp', 'userId'] },
  );
}

/** A Segment message for `/v1/<type>` (the route sets its type). */
export function segmentMessage(otherTenantId: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      messageId: id,
      event: fc.constantFrom('Order Completed', 'Products Searched', 'Signed Up'),
      name: fc.constant('Home'),
      userId: id,
      anonymousId: id,
      previousId: id,
      groupId: id,
      timestamp: eventTime,
      sentAt: eventTime,
      properties,
      traits: fc.constant({ email: 'a@example.com', plan: 'pro' }),
      context: fc.constantFrom({}, { library: { name: 'analytics-node', version: '1.0.0' }, page: { url: 'https://shop.example/' } }),
      integrations: fc.constant({ All: true }),
      tenantId: fc.constant(otherTenantId),
    },
    { requiredKeys: ['userId', 'event'] },
  );
}

/** A PostHog event as posthog-js and posthog-node send it, its key in the body half the time. */
export function postHogEvent(writeKey: string, otherTenantId: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      event: fc.constantFrom('$pageview', 'signed up', '$identify', 'order completed'),
      distinct_id: id,
      uuid: fc.uuid(),
      timestamp: eventTime,
      api_key: fc.constant(writeKey),
      properties: fc.record(
        { $current_url: fc.constant('https://shop.example/'), $session_id: id, plan: fc.constantFrom('pro', 'free'), tenant_id: fc.constant(otherTenantId) },
        { requiredKeys: [] },
      ),
      offset: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    },
    { requiredKeys: ['event', 'distinct_id'] },
  );
}

/** A list of `count` copies of one item (large batches are built cheaply, each copy with its own id where it has one). */
export function copies<T extends Record<string, unknown>>(item: T, count: number, idKey?: string): T[] {
  return Array.from({ length: count }, (_, index) => (idKey && typeof item[idKey] === 'string' ? { ...item, [idKey]: `${String(item[idKey])}-${index}` } : item));
}

/** A batch size: mostly small, sometimes thousands (near and over the 500 KB batch limit). */
export const batchSize: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 20 }), weight: 8 }, { arbitrary: fc.integer({ min: 500, max: 4_000 }), weight: 1 });

/** Valid-shaped, near-valid and wild bodies around `valid`. */
export function bodiesAround(valid: fc.Arbitrary<object>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: nearValid(valid), weight: 6 }, { arbitrary: wildJson, weight: 1 });
}

/** How a body travels: its bytes, headers and PostHog's `?compression=`. */
export interface Wire {
  name: string;
  headers: Record<string, string>;
  raw: Buffer;
  query: string;
}

export const WIRE_FORMATS = [
  'json',
  'text/plain',
  'gzip',
  'gzip without header',
  'truncated gzip',
  'gzip of broken JSON',
  'gzip labelled br',
  'deflate',
  'plain labelled gzip',
  'unknown encoding',
  'form data=json',
  'form data=base64',
  'base64 lz64',
  'byte order mark',
  'invalid UTF-8',
  'truncated JSON',
  'gzip bomb',
  'empty',
] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** Mostly plain JSON and gzip, every other way now and then. */
export const wireFormat: fc.Arbitrary<WireFormat> = fc.oneof(
  { arbitrary: fc.constant<WireFormat>('json'), weight: 10 },
  { arbitrary: fc.constant<WireFormat>('gzip'), weight: 3 },
  { arbitrary: fc.constantFrom(...WIRE_FORMATS), weight: 5 },
);

let spaces: Buffer | undefined;
function eightMegabytesOfSpaces(): Buffer {
  spaces ??= gzipSync(Buffer.alloc(8_000_000, ' '));
  return spaces;
}

/** The body as `format` sends it. */
export function onTheWire(body: unknown, format: WireFormat): Wire {
  const text = toJsonText(body);
  const json = { 'content-type': 'application/json' };
  const wire = (headers: Record<string, string>, raw: Buffer | string, query = ''): Wire => ({ name: format, headers, raw: Buffer.from(raw), query });
  switch (format) {
    case 'json':
      return wire(json, text);
    case 'text/plain':
      return wire({ 'content-type': 'text/plain' }, text);
    case 'gzip':
      return wire({ ...json, 'content-encoding': 'gzip' }, gzipSync(text));
    case 'gzip without header':
      return wire({ 'content-type': 'text/plain' }, gzipSync(text));
    case 'truncated gzip': {
      const zipped = gzipSync(text);
      return wire({ ...json, 'content-encoding': 'gzip' }, zipped.subarray(0, Math.max(1, Math.floor(zipped.length / 2))));
    }
    case 'gzip of broken JSON':
      return wire({ ...json, 'content-encoding': 'gzip' }, gzipSync(text.slice(0, -1) + ','));
    case 'gzip labelled br':
      return wire({ ...json, 'content-encoding': 'br' }, gzipSync(text));
    case 'deflate':
      return wire({ ...json, 'content-encoding': 'deflate' }, deflateSync(text));
    case 'plain labelled gzip':
      return wire({ ...json, 'content-encoding': 'gzip' }, text);
    case 'unknown encoding':
      return wire({ ...json, 'content-encoding': 'zstd, gzip' }, text);
    case 'form data=json':
      return wire({ 'content-type': 'application/x-www-form-urlencoded' }, `data=${encodeURIComponent(text)}`);
    case 'form data=base64':
      return wire({ 'content-type': 'application/x-www-form-urlencoded' }, `data=${encodeURIComponent(Buffer.from(text).toString('base64'))}`, '?compression=base64');
    case 'base64 lz64':
      return wire({ 'content-type': 'application/x-www-form-urlencoded' }, `data=${Buffer.from(text).toString('base64')}`, '?compression=lz64');
    case 'byte order mark':
      return wire(json, `\ufeff${text}`);
    case 'invalid UTF-8':
      return wire(json, Buffer.concat([Buffer.from(text.slice(0, 1)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(text.slice(1))]));
    case 'truncated JSON':
      return wire(json, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    case 'gzip bomb':
      // 8 MB of spaces (a gzip member of a few kilobytes) before the body: refused while inflating, not after.
      return wire({ ...json, 'content-encoding': 'gzip' }, Buffer.concat([eightMegabytesOfSpaces(), gzipSync(text)]));
    case 'empty':
      return wire(json, '');
  }
}
