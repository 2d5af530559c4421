import { intentModelToJson, syntheticIntentMessages, trainIntentClassifier } from '@pulse/analytics-core';
import { TOPICS } from '@pulse/contracts';
import { ML_STORE_SCHEMA, ModelVersionRepository } from '@pulse/ml-data-access';
import type { OutgoingMessage } from '@pulse/messaging';
import { TenantRepository } from '@pulse/storage';
import { randomBytes } from 'node:crypto';
import { EMBEDDED_TARGET, startProcessor, type ProcessorEnvironment, type RunningProcessor } from '../testing/processor-targets';
import { waitFor } from '../testing/wait-for';

const WAIT_MS = 60_000;
const NOW = Date.parse('2025-03-12T15:00:00.000Z');

const message = (eventId: string, properties: Record<string, unknown>) => ({
  eventId,
  type: 'message_sent',
  timestamp: '2025-03-12T14:00:00Z',
  userId: 'ann',
  properties: { conversation_id: 'c1', ...properties },
});

// One store, the embedded one (the derivation is the same SQL-free code on both), opened with the insights
// service's tables as the embedded start does; the last test drops model_versions to show a store without it.
describe('message sentiment and intent derived by the stream processor on the embedded store', () => {
  let environment: ProcessorEnvironment;
  let processor: RunningProcessor;
  let tenants: TenantRepository;
  let keepsNoText: string;
  let keepsText: string;

  const publish = (tenantId: string, events: Array<Record<string, unknown>>) =>
    environment.bus.publish(
      environment.options.topics.get(TOPICS.rawEvents) ?? TOPICS.rawEvents,
      events.map(
        (event): OutgoingMessage => ({
          key: `${tenantId}:ann`,
          value: JSON.stringify({ schemaVersion: 1, tenantId, receivedAt: '2025-03-12T14:00:01Z', source: 'http', event }),
        }),
      ),
    );
  const stored = (tenantId: string, count: number) =>
    waitFor(
      `${count} stored messages`,
      async () => {
        const rows: Array<{ event_id: string; properties: Record<string, unknown> }> = await environment.store.dataSource.query(
          `SELECT event_id, properties FROM events WHERE tenant_id = $1 ORDER BY event_id`,
          [tenantId],
        );
        return rows.length === count ? new Map(rows.map((row) => [row.event_id, row.properties])) : undefined;
      },
      WAIT_MS,
    );
  const createTenant = async (slug: string, storeMessageText: boolean) => {
    const suffix = randomBytes(4).toString('hex');
    return (await tenants.create({ slug: `${slug}-${suffix}`, name: slug, writeKeyHash: `${slug}-${suffix}`, storeMessageText })).id;
  };

  beforeAll(async () => {
    environment = await EMBEDDED_TARGET.open(ML_STORE_SCHEMA);
    tenants = new TenantRepository(environment.store.dataSource);
    keepsNoText = await createTenant('keeps-no-text', false);
    keepsText = await createTenant('keeps-text', true);
    // The first tenant has a trained intent model (as POST /v1/ml/intent/train stores it); the second has none.
    const model = trainIntentClassifier(syntheticIntentMessages({ seed: 4, perIntent: 30 }));
    await new ModelVersionRepository(environment.store.dataSource).save(keepsNoText, 'intent', {
      model: intentModelToJson(model),
      metrics: {},
      trainedAt: new Date(NOW),
      makeCurrent: true,
    });
    processor = await startProcessor(environment, () => NOW);
  });

  afterAll(async () => {
    await processor?.close();
    await environment?.dispose();
  });

  it('stores derived sentiment and intent, marked as derived, and no text for a tenant that did not opt in', async () => {
    await publish(keepsNoText, [
      message('m1', { text: 'Where is my order #10293? not good' }),
      message('m2', { text: 'not good at all', sentiment_score: 0.5, intent: 'billing_question' }),
    ]);
    const rows = await stored(keepsNoText, 2);
    expect(rows.get('m1')).toEqual({
      conversation_id: 'c1',
      sentiment: 'negative',
      sentiment_score: expect.any(Number),
      intent: 'order_status',
      intent_confidence: expect.any(Number),
      derived: ['sentiment', 'intent'],
    });
    expect(rows.get('m1')?.['sentiment_score']).toBeLessThan(-0.05);
    // What the sender gave is kept as given, with nothing derived; the text goes all the same.
    expect(rows.get('m2')).toEqual({ conversation_id: 'c1', sentiment_score: 0.5, intent: 'billing_question' });
  });

  it('keeps the text for a tenant that opted in; without a model the intent is unknown', async () => {
    await publish(keepsText, [message('m1', { text: 'good' })]);
    const rows = await stored(keepsText, 1);
    expect(rows.get('m1')).toEqual({
      conversation_id: 'c1',
      text: 'good',
      sentiment: 'positive',
      sentiment_score: 0.4404,
      intent: 'unknown',
      intent_confidence: 0,
      intent_reason: 'no_intent_model',
      derived: ['sentiment', 'intent'],
    });
  });

  it('reads a store without model_versions as no model, not a failed batch', async () => {
    await environment.store.dataSource.query(`DROP TABLE "model_versions"`);
    const late = await createTenant('late', false);
    await publish(late, [message('m1', { text: 'where is my order' }), message('m2', { text: 'Wo ist meine Bestellung' })]);
    const rows = await stored(late, 2);
    expect(rows.get('m1')).toMatchObject({ sentiment: 'neutral', sentiment_score: 0, intent: 'unknown', intent_reason: 'no_intent_model' });
    // A text the lexicon cannot read: sentiment null with the reason, the batch stored all the same.
    expect(rows.get('m2')).toEqual({
      conversation_id: 'c1',
      sentiment: null,
      sentiment_reason: 'unsupported_language',
      intent: 'unknown',
      intent_confidence: 0,
      intent_reason: 'unsupported_language',
      derived: ['sentiment', 'intent'],
    });
  });
});
