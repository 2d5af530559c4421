import { AnswerTally, fuzzLabel, fuzzParameters, problemWithAnswer, problemWithIssues } from '@pulse/observability/testing';
import fc from 'fast-check';
import { basicUser, bearer, send, type HttpAnswer } from '../../testing/http-client';
import { startEmbeddedIngestion, waitFor, type IngestionUnderTest } from '../../testing/ingestion-app';
import {
  batchSize,
  bodiesAround,
  copies,
  eventTime,
  nativeEvent,
  onTheWire,
  postHogEvent,
  segmentMessage,
  wireFormat,
  type WireFormat,
} from '../../testing/ingestion-fuzzing';
import { createTenant, type TestTenant } from '../../testing/tenants';

/** One generated request: a route, a body and how it travels. */
interface FuzzRequest {
  path: string;
  body: unknown;
  format: WireFormat;
}

describe(`ingestion routes under fuzzing (${fuzzLabel()})`, () => {
  let app: IngestionUnderTest;
  let tenant: TestTenant;
  let other: TestTenant;
  let otherArrivalsBefore: number;

  beforeAll(async () => {
    app = await startEmbeddedIngestion();
    tenant = await createTenant(app.url);
    other = await createTenant(app.url);
    // The other tenant's events, stored before the run: the run must add none to them.
    const sent = await send(`${app.url}/v1/events/batch`, {
      headers: bearer(other.writeKey),
      json: ['o-1', 'o-2', 'o-3'].map((eventId) => ({ eventId, type: 'search', timestamp: new Date().toISOString(), userId: 'u-other', properties: { query: 'x' } })),
    });
    expect(sent.status).toBe(202);
    otherArrivalsBefore = (await app.envelopesOf(other.id, 3)).length;
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  /** Sends each request with the tenant's key (Segment's as the Basic user, PostHog's in the body too) and checks every answer. */
  async function fuzz(requests: fc.Arbitrary<FuzzRequest>, authorization: (path: string) => Record<string, string>, defaultRuns: number): Promise<AnswerTally> {
    const tally = new AnswerTally();
    await fc.assert(
      fc.asyncProperty(requests, async ({ path, body, format }) => {
        const wire = onTheWire(body, format);
        const answer = await send(`${app.url}${path}${wire.query}`, { method: 'POST', headers: { ...authorization(path), ...wire.headers }, raw: wire.raw });
        tally.add(answer);
        const problem = problemWithAnswer(answer, { emptyFieldIsTheWhole: true }) ?? problemWithRejections(answer);
        if (problem) throw new Error(`POST ${path} (${format}) ${problem}: ${JSON.stringify(answer.body)}\nbody sent: ${wire.raw.subarray(0, 2_000).toString('latin1')}`);
      }),
      fuzzParameters(defaultRuns),
    );
    return tally;
  }

  it('native events, single and batch: 2xx or a 4xx naming the problem', async () => {
    const single = bodiesAround(nativeEvent(other.id));
    const smallBatch = fc.array(nativeEvent(other.id), { minLength: 1, maxLength: 5 });
    const batch = fc.oneof(
      { arbitrary: bodiesAround(smallBatch), weight: 4 },
      { arbitrary: bodiesAround(fc.record({ events: smallBatch, sentAt: eventTime }, { requiredKeys: ['events'] })), weight: 4 },
      { arbitrary: fc.tuple(nativeEvent(other.id), batchSize).map(([event, count]) => copies(event, count, 'eventId')), weight: 1 },
    );
    const requests = fc.oneof(
      fc.record({ path: fc.constant('/v1/events'), body: single, format: wireFormat }),
      fc.record({ path: fc.constant('/v1/events/batch'), body: batch, format: wireFormat }),
    );

    const tally = await fuzz(requests, () => bearer(tenant.writeKey), 600);

    console.log(`native events: ${tally.total} requests: ${tally}`);
    expect(tally.successes).toBeGreaterThan(tally.total / 10);
  }, 600_000);

  it('Segment routes, single messages and batches: 2xx or a 4xx naming the problem', async () => {
    const message = segmentMessage(other.id);
    const batch = fc.oneof(
      { arbitrary: bodiesAround(fc.record({ batch: fc.array(message, { minLength: 1, maxLength: 5 }), sentAt: eventTime, context: fc.constant({ library: { name: 'fuzz' } }) }, { requiredKeys: ['batch'] })), weight: 6 },
      { arbitrary: fc.tuple(message, batchSize).map(([item, count]) => ({ batch: copies(item, count, 'messageId') })), weight: 1 },
    );
    const requests = fc.oneof(
      fc.record({ path: fc.constantFrom('/v1/track', '/v1/t', '/v1/identify', '/v1/page', '/v1/screen', '/v1/group', '/v1/alias', '/v1/i'), body: bodiesAround(message), format: wireFormat }),
      fc.record({ path: fc.constantFrom('/v1/batch', '/v1/b'), body: batch, format: wireFormat }),
    );

    const tally = await fuzz(requests, () => basicUser(tenant.writeKey), 400);

    console.log(`Segment routes: ${tally.total} requests: ${tally}`);
    expect(tally.successes).toBeGreaterThan(tally.total / 10);
  }, 600_000);

  it('PostHog routes, single events, arrays and batches, gzipped and as forms: 2xx or a 4xx naming the problem', async () => {
    const event = postHogEvent(tenant.writeKey, other.id);
    const body = fc.oneof(
      { arbitrary: bodiesAround(event), weight: 3 },
      { arbitrary: bodiesAround(fc.array(event, { minLength: 1, maxLength: 5 })), weight: 2 },
      { arbitrary: bodiesAround(fc.record({ api_key: fc.constant(tenant.writeKey), batch: fc.array(event, { minLength: 1, maxLength: 5 }), sent_at: eventTime }, { requiredKeys: ['batch'] })), weight: 3 },
      { arbitrary: fc.tuple(event, batchSize).map(([item, count]) => ({ api_key: tenant.writeKey, batch: copies(item, count, 'uuid') })), weight: 1 },
    );
    const requests = fc.record({ path: fc.constantFrom('/capture', '/e', '/i/v0/e', '/batch', '/e/'), body, format: wireFormat });
    // posthog-js sends the key only in the body: half the requests do so, half also send it as a bearer token.
    let requestNumber = 0;

    const tally = await fuzz(requests, () => (++requestNumber % 2 === 0 ? bearer(tenant.writeKey) : {}), 400);

    console.log(`PostHog routes: ${tally.total} requests: ${tally}`);
    expect(tally.successes).toBeGreaterThan(tally.total / 10);
  }, 600_000);

  describe('what fuzzing found (each was a 500)', () => {
    it('rejects an event whose properties nest 2,000 levels deep, naming the field: maxNesting', async () => {
      const deep = Array.from({ length: 2_000 }).reduce<unknown>((inner) => [inner], 1);
      const event = (eventId: string, properties: unknown) => ({ eventId, type: 'search', timestamp: new Date().toISOString(), userId: 'u-deep', properties });

      const answer = await send(`${app.url}/v1/events/batch`, { headers: bearer(tenant.writeKey), json: [event('shallow', { query: 'x' }), event('deep', deep)] });

      expect(answer.status).toBe(202);
      expect(answer.body.rejected).toEqual([{ index: 1, errors: [{ field: 'properties', rule: 'maxNesting', message: 'properties nests arrays or objects more than 64 levels deep' }] }]);
    });

    it('refuses a PostHog offset of 1e21 ms as an event too old (maxEventAge): the time is held to the four-digit years', async () => {
      const answer = await send(`${app.url}/capture`, { headers: bearer(tenant.writeKey), json: { event: 'signed up', distinct_id: 'u-offset', offset: 1e21 } });

      expect(answer).toMatchObject({ status: 400, body: { rejected: [{ index: 0, errors: [{ field: 'timestamp', rule: 'maxEventAge' }] }] } });
    });
  });

  it("stored nothing for the other tenant, whose id the bodies carried, and still answers /health", async () => {
    const fuzzed = await waitFor(
      () => app.arrived.filter((arrival) => arrival.envelope.tenantId === tenant.id).length,
      (count) => count > 0,
      20_000,
      () => 'envelopes of the fuzzing tenant',
    );
    // Let what was accepted last reach the topics before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(fuzzed).toBeGreaterThan(0);
    expect(app.arrived.filter((arrival) => arrival.envelope.tenantId === other.id)).toHaveLength(otherArrivalsBefore);
    expect(app.quarantined.filter((record) => record.tenantId === other.id)).toEqual([]);
    expect(app.arrived.every((arrival) => [tenant.id, other.id].includes(arrival.envelope.tenantId))).toBe(true);
    expect((await send(`${app.url}/health`)).status).toBe(200);
  });
});

/** A batch's rejected indices (202 or 400) must each say what was wrong with that event. */
function problemWithRejections(answer: HttpAnswer): string | undefined {
  const rejected = (answer.body as { rejected?: unknown } | undefined)?.rejected;
  if (rejected === undefined) return undefined;
  if (!Array.isArray(rejected)) return 'rejected is not a list';
  for (const entry of rejected as Array<{ index?: unknown; errors?: unknown }>) {
    if (typeof entry.index !== 'number') return `a rejected event without its index: ${JSON.stringify(entry)}`;
    const problem = problemWithIssues(entry.errors, { emptyFieldIsTheWhole: true });
    if (problem) return `rejected index ${entry.index}: ${problem}`;
  }
  return undefined;
}
