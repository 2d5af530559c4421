import { STORE_TARGETS } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { satisfactionConversations, storeSatisfactionFixture, type SatisfactionFixture } from '../../../testing/satisfaction-conversations';

const NOW = new Date('2026-03-31T12:00:00Z');
const BERLIN = 'Europe/Berlin';

/** Floors for the held-out validation on the synthetic conversations (scores follow reply speed, escalation and closing sentiment, with star-rounding noise). */
const AUC_FLOOR = 0.8;
const MAE_SHARE_OF_BASELINE = 0.8;

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe.each(STORE_TARGETS)('satisfaction models over HTTP on $name', (target) => {
  let ml: DomainsAppUnderTest;
  let tenant: DomainsTenant;
  let other: DomainsTenant;
  let fixture: SatisfactionFixture;
  let maeOfServedModel: number;

  beforeAll(async () => {
    ml = await startDomainsApp(target, { now: NOW });
    tenant = await ml.createTenant({ timeZone: BERLIN });
    other = await ml.createTenant({ timeZone: 'UTC' });
    fixture = satisfactionConversations({ tenantId: tenant.id, timeZone: BERLIN, now: NOW, count: 400, seed: 5 });
    await storeSatisfactionFixture(ml.store, fixture);
    // The other tenant: twelve scored conversations, far too few.
    await storeSatisfactionFixture(ml.store, satisfactionConversations({ tenantId: other.id, timeZone: 'UTC', now: NOW, count: 16, seed: 6, prefix: 'o' }));
  }, 180_000);

  afterAll(async () => {
    await ml?.stop();
  });

  it('answers 422 with what is needed when there are too few scored conversations', async () => {
    const answer = await ml.post(other, '/v1/ml/satisfaction/train');
    expect(answer.status).toBe(422);
    expect(answer.body.needed).toEqual({ scoredConversations: 100, satisfied: 15, unsatisfied: 15 });
    expect(answer.body.found.scoredConversations).toBeLessThan(16);
    expect(answer.body.message).toContain('at least 100 conversations with a satisfaction_score');
  });

  it('trains from the scores given: held-out AUC and mean absolute error beat their floors', async () => {
    const answer = await ml.post(tenant, '/v1/ml/satisfaction/train');
    expect(answer.status).toBe(200);
    const scored = fixture.conversations.filter((conversation) => conversation.score !== null);
    expect(answer.body).toMatchObject({
      version: 1,
      scoredConversations: scored.length,
      satisfied: scored.filter((conversation) => (conversation.score ?? 0) >= 0.75).length,
      previous: null,
      replacedCurrent: true,
      currentVersion: 1,
    });
    const { validation } = answer.body;
    expect(validation.rows + answer.body.trainingRows).toBe(scored.length);
    expect(validation.auc).toBeGreaterThan(AUC_FLOOR);
    expect(validation.meanAbsoluteError).toBeLessThan(MAE_SHARE_OF_BASELINE * validation.baselineMeanAbsoluteError);
    maeOfServedModel = validation.meanAbsoluteError;
  });

  it('predicts a conversation’s score with its confidence, factors and the score the customer gave', async () => {
    const known = fixture.conversations.find(
      (conversation) => conversation.score !== null && conversation.closingSentiment !== null,
    ) as (typeof fixture.conversations)[number];
    const answer = await ml.get(tenant, `/v1/ml/satisfaction/conversations/${known.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ conversationId: known.id, day: known.day, observedScore: known.score, completeness: 1, modelVersion: 1 });
    expect(answer.body.score).toBeGreaterThan(0);
    expect(answer.body.score).toBeLessThan(1);
    expect(answer.body.confidence).toBeCloseTo(1 - maeOfServedModel, 12);
    expect(answer.body.factors.length).toBeGreaterThan(0);
    expect(answer.body.factors.length).toBeLessThanOrEqual(3);
    expect(answer.body.explanation).toMatch(/^Predicted 0\.\d\d: /);
  });

  it('scores slow, escalated, unhappy conversations below fast, happy ones', async () => {
    const predicted = async (conversations: typeof fixture.conversations) =>
      Promise.all(conversations.slice(0, 8).map(async (c) => (await ml.get(tenant, `/v1/ml/satisfaction/conversations/${c.id}`)).body.score as number));
    const unhappy = fixture.conversations.filter((c) => c.slow && c.escalated && c.closingSentiment !== null && c.closingSentiment < -0.3);
    const happy = fixture.conversations.filter((c) => !c.slow && !c.escalated && c.closingSentiment !== null && c.closingSentiment > 0.3);
    expect(Math.max(...(await predicted(unhappy)))).toBeLessThan(Math.min(...(await predicted(happy))));
  });

  it('lowers the confidence of a conversation without sentiment by the share of features it lacks', async () => {
    const bare = fixture.conversations.find((conversation) => conversation.closingSentiment === null) as (typeof fixture.conversations)[number];
    const answer = await ml.get(tenant, `/v1/ml/satisfaction/conversations/${bare.id}`);
    expect(answer.body.completeness).toBeCloseTo(8 / 12, 12);
    expect(answer.body.confidence).toBeCloseTo((8 / 12) * (1 - maeOfServedModel), 12);
    const named = answer.body.factors.map((factor: { factor: string }) => factor.factor);
    expect(named.filter((name: string) => name.startsWith('sentiment') || name === 'negative_share')).toEqual([]);
  });

  it('serves a daily series: predicted means of unscored conversations beside the observed mean of scored ones', async () => {
    const answer = await ml.get(tenant, '/v1/ml/satisfaction/daily?from=2026-03-20&to=2026-03-26');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ from: '2026-03-20', to: '2026-03-26', timeZone: BERLIN, modelVersion: 1 });
    expect(answer.body.points.map((point: { day: string }) => point.day)).toEqual([
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
    ]);
    const day = answer.body.points[3];
    const started = fixture.conversations.filter((conversation) => conversation.day === '2026-03-23');
    const scored = started.filter((conversation) => conversation.score !== null);
    const unscored = started.filter((conversation) => conversation.score === null);
    expect([scored.length > 0, unscored.length > 0]).toEqual([true, true]);
    expect(day.scored.conversations).toBe(scored.length);
    expect(day.scored.observedMean).toBeCloseTo(mean(scored.map((conversation) => conversation.score as number)), 12);
    expect(day.unscored.conversations).toBe(unscored.length);
    const predictions = await Promise.all(unscored.map(async (c) => (await ml.get(tenant, `/v1/ml/satisfaction/conversations/${c.id}`)).body.score as number));
    expect(day.unscored.predictedMean).toBeCloseTo(mean(predictions), 12);
  });

  it("never shows tenant A's conversations or model to tenant B", async () => {
    expect((await ml.get(other, '/v1/ml/satisfaction/conversations/c00000')).status).toBe(404);
    expect((await ml.get(other, '/v1/ml/satisfaction/daily?from=2026-03-20&to=2026-03-26')).body.message).toContain('No satisfaction model');
    expect((await ml.get(tenant, '/v1/ml/satisfaction/conversations/o00000')).status).toBe(404);
  });

  it('answers 400 naming the field for a bad range or conversation id', async () => {
    for (const [query, field, rule] of [
      ['to=2026-03-26', 'from', 'isDefined'],
      ['from=2026-02-30&to=2026-03-26', 'from', 'isIso8601'],
      ['from=20-03-2026&to=2026-03-26', 'from', 'matches'],
      ['from=2026-03-26&to=2026-03-20', 'to', 'isNotBeforeFrom'],
      ['from=2026-01-01&to=2026-04-03', 'to', 'maxDays'],
      ['from=2026-03-20&to=2026-03-26&zone=UTC', 'zone', 'isUnknownField'],
    ]) {
      const answer = await ml.get(tenant, `/v1/ml/satisfaction/daily?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
    }
    const longId = await ml.get(tenant, `/v1/ml/satisfaction/conversations/${'c'.repeat(129)}`);
    expect(longId.status).toBe(400);
    expect(longId.body.errors).toEqual([{ field: 'id', rule: 'maxLength', message: 'id must be at most 128 characters' }]);
  });
});
