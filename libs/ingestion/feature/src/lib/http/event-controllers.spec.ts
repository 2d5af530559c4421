import { HttpException, HttpStatus } from '@nestjs/common';
import { HTTP_CODE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { IngestionRequest, IngestionResult, IngestionService } from '../ingestion.service';
import { NativeEventsController } from './native-events.controller';
import { PostHogCompatController } from './posthog-compat.controller';
import { SegmentCompatController } from './segment-compat.controller';

const TENANT: AuthenticatedTenant = { id: 't-1', slug: 'acme', name: 'Acme', timeZone: 'UTC', currency: 'USD' };
const OPTIONS = { receivedAt: '2025-03-01T12:00:00.000Z' };

/** Records what a controller asked to ingest and accepts every event, so each route's mapping can be read back. */
function recordingIngestion() {
  const requests: IngestionRequest[] = [];
  const service = {
    ingest: async (request: IngestionRequest): Promise<IngestionResult> => {
      requests.push(request);
      return { eventIds: request.events.map((_, index) => `id-${index}`), rejected: [] };
    },
  } as unknown as IngestionService;
  /** Each event of the last request as the route's mapper turns it into a PulseEvent. */
  const mapped = () => {
    const last = requests[requests.length - 1];
    if (!last) throw new Error('nothing was ingested');
    return last.events.map((event) => last.map(event, { ...OPTIONS, ...(last.sentAt ? { sentAt: last.sentAt } : {}) }));
  };
  return { service, requests, mapped };
}

async function statusOf(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 202;
  } catch (error) {
    if (error instanceof HttpException) return error.getStatus();
    throw error;
  }
}

describe('native events routes', () => {
  it('take one event on /v1/events', async () => {
    const { service, requests } = recordingIngestion();

    const answer = await new NativeEventsController(service).track(TENANT, { type: 'search' });

    expect(answer).toEqual({ accepted: 1, eventId: 'id-0' });
    expect(requests[0]).toMatchObject({ tenantId: 't-1', source: 'http', events: [{ type: 'search' }] });
  });

  it('take a bare array or { events, sentAt } on /v1/events/batch', async () => {
    const { service, requests } = recordingIngestion();
    const controller = new NativeEventsController(service);

    await controller.batch(TENANT, [{ type: 'a' }]);
    await controller.batch(TENANT, { events: [{ type: 'b' }], sentAt: '2025-03-01T12:00:00Z' });

    expect(requests.map((request) => [request.events, request.sentAt])).toEqual([
      [[{ type: 'a' }], undefined],
      [[{ type: 'b' }], '2025-03-01T12:00:00Z'],
    ]);
  });

  it('refuse a batch that is not a list, is empty, or has a malformed sentAt', async () => {
    const controller = new NativeEventsController(recordingIngestion().service);

    expect(await statusOf(() => controller.batch(TENANT, { events: {} }))).toBe(400);
    expect(await statusOf(() => controller.batch(TENANT, []))).toBe(400);
    expect(await statusOf(() => controller.batch(TENANT, { events: [{}], sentAt: 'now' }))).toBe(400);
  });
});

describe('Segment routes', () => {
  it.each([
    ['track', 'signed_up', { event: 'Signed Up', userId: 'u' }],
    ['identify', 'identify', { userId: 'u', anonymousId: 'a' }],
    ['page', 'page_view', { anonymousId: 'a', name: 'Home' }],
    ['screen', 'screen_view', { userId: 'u', name: 'Cart' }],
    ['group', 'group', { userId: 'u', groupId: 'g' }],
    ['alias', 'alias', { userId: 'u', previousId: 'p' }],
  ] as const)('/v1/%s maps its message to a %s event (the type comes from the route)', async (route, type, message) => {
    const { service, requests, mapped } = recordingIngestion();
    const controller = new SegmentCompatController(service);

    const answer = await controller[route](TENANT, { ...message, type: 'not-this' });

    expect(answer).toEqual({ success: true });
    expect(requests[0]?.source).toBe('segment');
    expect(mapped()).toMatchObject([{ ok: true, event: { type } }]);
  });

  it('/v1/batch passes the batch sentAt and context to every message', async () => {
    const { service, requests, mapped } = recordingIngestion();

    await new SegmentCompatController(service).batch(TENANT, {
      batch: [{ type: 'track', event: 'x', userId: 'u', timestamp: '2025-03-01T12:59:00Z' }],
      sentAt: '2025-03-01T13:00:00Z',
      context: { locale: 'fr-FR' },
    });

    expect(requests[0]?.sentAt).toBe('2025-03-01T13:00:00Z');
    expect(mapped()).toMatchObject([{ ok: true, sentAt: '2025-03-01T13:00:00Z', event: { timestamp: '2025-03-01T11:59:00.000Z', context: { locale: 'fr-FR' } } }]);
  });

  it('/v1/batch refuses a body without a batch list', async () => {
    expect(await statusOf(() => new SegmentCompatController(recordingIngestion().service).batch(TENANT, { messages: [] }))).toBe(400);
  });
});

describe('PostHog routes', () => {
  it.each([
    ['one payload', { api_key: 'k', event: 'x', distinct_id: 'u' }, 1],
    ['an array', [{ event: 'x', distinct_id: 'u' }, { event: 'y', distinct_id: 'u' }], 2],
    ['{ api_key, batch }', { api_key: 'k', batch: [{ event: 'x', distinct_id: 'u' }] }, 1],
  ])('take %s', async (_shape, body, count) => {
    const { service, requests, mapped } = recordingIngestion();

    const answer = await new PostHogCompatController(service).capture(TENANT, body);

    expect(answer).toEqual({ status: 1 });
    expect(requests[0]?.events).toHaveLength(count);
    expect(requests[0]?.source).toBe('posthog');
    expect(mapped().every((result) => result.ok)).toBe(true);
  });

  it('pass sent_at on for clock-skew correction', async () => {
    const { service, mapped } = recordingIngestion();

    await new PostHogCompatController(service).capture(TENANT, {
      batch: [{ event: 'x', distinct_id: 'u', timestamp: '2025-03-01T12:59:00Z' }],
      sent_at: '2025-03-01T13:00:00Z',
    });

    expect(mapped()).toMatchObject([{ ok: true, event: { timestamp: '2025-03-01T11:59:00.000Z' } }]);
  });

  it('refuse a batch that is not a list or is empty', async () => {
    const controller = new PostHogCompatController(recordingIngestion().service);

    expect(await statusOf(() => controller.capture(TENANT, { batch: 'x' }))).toBe(400);
    expect(await statusOf(() => controller.capture(TENANT, []))).toBe(400);
  });
});

describe('answers and paths the SDKs expect', () => {
  const httpCodeOf = (handler: object) => Reflect.getMetadata(HTTP_CODE_METADATA, handler);
  const pathsOf = (handler: object) => Reflect.getMetadata(PATH_METADATA, handler);

  it('answers 200 on the compat routes, as Segment and PostHog do (their SDKs send again on any other 2xx), and 202 on the native ones', () => {
    const segment = SegmentCompatController.prototype;
    const native = NativeEventsController.prototype;

    expect([segment.track, segment.identify, segment.page, segment.screen, segment.group, segment.alias, segment.batch].map(httpCodeOf)).toEqual(
      Array(7).fill(HttpStatus.OK),
    );
    expect(httpCodeOf(PostHogCompatController.prototype.capture)).toBe(HttpStatus.OK);
    expect([native.track, native.batch].map(httpCodeOf)).toEqual([HttpStatus.ACCEPTED, HttpStatus.ACCEPTED]);
  });

  it("serves Segment's routes at the short paths analytics.js posts to: /v1/t, /v1/i, /v1/p, /v1/s, /v1/g, /v1/a and /v1/b", () => {
    const segment = SegmentCompatController.prototype;

    expect([segment.track, segment.identify, segment.page, segment.screen, segment.group, segment.alias, segment.batch].map(pathsOf)).toEqual([
      ['track', 't'],
      ['identify', 'i'],
      ['page', 'p'],
      ['screen', 's'],
      ['group', 'g'],
      ['alias', 'a'],
      ['batch', 'b'],
    ]);
  });

  it('refuses a Segment message or a PostHog batch of which nothing was accepted with 400', async () => {
    const refusing = {
      ingest: async () => ({ eventIds: [], rejected: [{ index: 0, reason: 'invalid', errors: [{ field: 'event', rule: 'isDefined', message: 'event is required' }] }] }),
    } as unknown as IngestionService;

    expect(await statusOf(() => new SegmentCompatController(refusing).track(TENANT, {}))).toBe(400);
    expect(await statusOf(() => new SegmentCompatController(refusing).batch(TENANT, { batch: [{}] }))).toBe(400);
    expect(await statusOf(() => new PostHogCompatController(refusing).capture(TENANT, [{}]))).toBe(400);
  });
});
