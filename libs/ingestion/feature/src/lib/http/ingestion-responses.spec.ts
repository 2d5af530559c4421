import { HttpException } from '@nestjs/common';
import { batchAnswer, batchSentAtOf, singleEventAnswer } from './ingestion-responses';

function answerOf(produce: () => unknown): { status: number; body: unknown } {
  try {
    return { status: 202, body: produce() };
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
}

const INVALID = { index: 1, reason: 'invalid' as const, errors: [{ field: 'type', rule: 'isDefined', message: 'type is required' }] };

describe('ingestion responses', () => {
  it('answers an accepted single event with its id', () => {
    expect(answerOf(() => singleEventAnswer({ eventIds: ['e-1'], rejected: [] }))).toEqual({ status: 202, body: { accepted: 1, eventId: 'e-1' } });
  });

  it('answers a refused single event with 400, or 413 when it was too large', () => {
    expect(answerOf(() => singleEventAnswer({ eventIds: [], rejected: [{ ...INVALID, index: 0 }] }))).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'type is required', errors: INVALID.errors },
    });
    const tooLarge = { index: 0, reason: 'too_large' as const, errors: [{ field: '', rule: 'maxEventBytes', message: 'too big' }] };
    expect(answerOf(() => singleEventAnswer({ eventIds: [], rejected: [tooLarge] })).status).toBe(413);
  });

  it('answers a partly valid batch with 202, the count and each rejected index without internal reasons', () => {
    expect(answerOf(() => batchAnswer({ eventIds: ['a', 'c'], rejected: [INVALID] }))).toEqual({
      status: 202,
      body: { accepted: 2, rejected: [{ index: 1, errors: INVALID.errors }] },
    });
  });

  it('answers a batch with no valid event with 400 and every rejected index', () => {
    expect(answerOf(() => batchAnswer({ eventIds: [], rejected: [{ ...INVALID, index: 0 }, INVALID] }))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'none of the 2 events was accepted: type is required; type is required',
        accepted: 0,
        rejected: [
          { index: 0, errors: INVALID.errors },
          { index: 1, errors: INVALID.errors },
        ],
      },
    });
  });

  it('accepts a batch send time only as an ISO timestamp with an offset', () => {
    expect(batchSentAtOf(undefined, 'sentAt')).toBeUndefined();
    expect(batchSentAtOf('2025-03-01T12:00:00Z', 'sentAt')).toBe('2025-03-01T12:00:00Z');
    expect(answerOf(() => batchSentAtOf('2025-03-01 12:00', 'sent_at'))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'sent_at', rule: 'isTimestamp' }] },
    });
  });
});
