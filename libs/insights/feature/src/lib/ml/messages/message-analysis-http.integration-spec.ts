import { EMBEDDED_TARGET } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest } from '../../../testing/domains-app';

// VADER by hand (lexicon: good 1.9; negation scales by −0.74; compound = x / √(x² + 15)):
// "The food was not good": good → 1.9 × −0.74 = −1.406 → −1.406 / √(1.976836 + 15) = −0.3412.
// Shares: four neutral words count 1 each, a negative word |x| + 1 = 2.406 → neg 2.406 / 6.406 = 0.376, neu 0.624.
// "good": 1.9 / √(3.61 + 15) = 0.4404, all of it positive.
const NOT_GOOD = { label: 'negative', score: -0.3412, pos: 0, neu: 0.624, neg: 0.376 };
const GOOD = { label: 'positive', score: 0.4404, pos: 1, neu: 0, neg: 0 };
const NO_MODEL = { label: 'unknown', confidence: 0, reason: 'no_intent_model' };
const BODY_LIMIT = 4 * 1024 * 1024;

describe('POST /v1/ml/messages/analyze on the embedded platform', () => {
  let app: DomainsAppUnderTest;
  let secretKey: string;
  const analyze = (body: unknown, key?: string) => app.request('POST', '/v1/ml/messages/analyze', { secretKey: key, body: JSON.stringify(body) });

  beforeAll(async () => {
    // Lower than the ~33 MB default (which fits the largest batch; see insights-body-limit.spec.ts), so a body over it stays small.
    process.env['INSIGHTS_MAX_BODY_BYTES'] = String(BODY_LIMIT);
    app = await startDomainsApp(EMBEDDED_TARGET);
    delete process.env['INSIGHTS_MAX_BODY_BYTES'];
    secretKey = (await app.createTenant({ timeZone: 'UTC' })).secretKey;
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('answers one text with VADER’s sentiment, and intent unknown while the tenant has no trained model', async () => {
    const answer = await analyze({ text: 'The food was not good' }, secretKey);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ messages: [{ id: null, sentiment: NOT_GOOD, intent: NO_MODEL }] });
  });

  it('answers every message of a batch in order, those it cannot judge with sentiment null and the reason', async () => {
    const tooLong = 'ok '.repeat(11_000); // 33,000 bytes: over the 32 KB event limit
    const answer = await analyze(
      {
        messages: [
          { id: 'm1', text: 'good' },
          { id: 'm2', text: 'Das Essen war sehr gut' },
          { id: 'm3', text: tooLong },
          { text: '' },
          { id: 'm5', text: 'The food was not good' },
        ],
      },
      secretKey,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.messages).toEqual([
      { id: 'm1', sentiment: GOOD, intent: NO_MODEL },
      {
        id: 'm2',
        sentiment: null,
        reason: 'unsupported_language',
        detail: 'only English is supported: 0 of 5 words are common English words; at least 2 needed',
        intent: { label: 'unknown', confidence: 0, reason: 'unsupported_language' },
      },
      {
        id: 'm3',
        sentiment: null,
        reason: 'text_too_long',
        detail: 'the text is 33000 bytes of UTF-8; at most 32768 are analysed',
        intent: { label: 'unknown', confidence: 0, reason: 'text_too_long' },
      },
      {
        id: null,
        sentiment: null,
        reason: 'empty_text',
        detail: 'the text is empty',
        intent: { label: 'unknown', confidence: 0, reason: 'empty_text' },
      },
      { id: 'm5', sentiment: NOT_GOOD, intent: NO_MODEL },
    ]);
  });

  it('answers a batch of 1,000 messages (the cap)', async () => {
    const messages = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}`, text: i % 2 === 0 ? 'good' : 'not good' }));
    const answer = await analyze({ messages }, secretKey);
    expect(answer.status).toBe(200);
    expect(answer.body.messages).toHaveLength(1000);
    expect(answer.body.messages[999]).toMatchObject({ id: 'm999', sentiment: { label: 'negative' } });
  });

  const issues = (body: { errors: Array<{ field: string; rule: string; message: string }> }) =>
    body.errors.map(({ field, rule, message }) => [field, rule, message]);

  it('refuses a body with neither text nor messages, naming text', async () => {
    const answer = await analyze({}, secretKey);
    expect(answer.status).toBe(400);
    expect(issues(answer.body)).toEqual([['text', 'isDefined', 'text is required']]);
  });

  it('refuses a message without text, naming it by position', async () => {
    const answer = await analyze({ messages: [{ id: 'a', text: 'fine' }, { id: 'b' }] }, secretKey);
    expect(answer.status).toBe(400);
    expect(issues(answer.body)).toEqual([['messages[1].text', 'isDefined', 'messages[1].text is required']]);
  });

  it('refuses more than 1,000 messages, and an empty batch', async () => {
    const over = await analyze({ messages: Array.from({ length: 1001 }, () => ({ text: 'ok' })) }, secretKey);
    expect(over.status).toBe(400);
    expect(issues(over.body)).toEqual([['messages', 'arrayMaxSize', 'messages must contain no more than 1000 elements']]);
    const empty = await analyze({ messages: [] }, secretKey);
    expect(issues(empty.body)).toEqual([['messages', 'arrayMinSize', 'messages must contain at least 1 elements']]);
  });

  it('refuses text and messages together, a text that is not a string and unknown fields', async () => {
    const both = await analyze({ text: 'hi', messages: [{ text: 'hi' }] }, secretKey);
    expect(both.status).toBe(400);
    expect(issues(both.body)).toEqual([['messages', 'isExclusiveWithText', 'messages must not be given with text: give one or the other']]);
    const number = await analyze({ text: 5 }, secretKey);
    expect(issues(number.body)).toEqual([['text', 'isString', 'text must be a string']]);
    const unknown = await analyze({ text: 'hi', language: 'en' }, secretKey);
    expect(issues(unknown.body)).toEqual([['language', 'isUnknownField', 'language is not a field of this request']]);
  });

  it('refuses a request without a valid secret key', async () => {
    expect((await analyze({ text: 'good' })).status).toBe(401);
    expect((await analyze({ text: 'good' }, 'sk_not_a_key')).status).toBe(401);
  });

  it('answers a batch far over Express’s default 100 kB body: 1,000 messages of 2 KB (2.1 MB)', async () => {
    const answer = await analyze({ messages: Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}`, text: 'good '.repeat(400) })) }, secretKey);
    expect(answer.status).toBe(200);
    expect(answer.body.messages).toHaveLength(1000);
    expect(answer.body.messages[999]).toMatchObject({ id: 'm999', sentiment: { label: 'positive' } });
  });

  it('answers 413 in JSON, naming the limit, for a body over INSIGHTS_MAX_BODY_BYTES, before any message is judged', async () => {
    const answer = await analyze({ messages: Array.from({ length: 1000 }, () => ({ text: 'x'.repeat(BODY_LIMIT / 1000) })) }, secretKey);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `the request body is larger than ${BODY_LIMIT} bytes, the limit of this service`,
    });
  });
});
