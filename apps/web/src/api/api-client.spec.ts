import { apiErrorOf } from './api-client';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('apiErrorOf', () => {
  it('tells a read-only key why an edit was refused and what to ask for', async () => {
    const error = await apiErrorOf(
      answer(403, { statusCode: 403, error: 'Forbidden', message: 'This secret key may only read…', requiredScope: 'manage' }),
    );

    expect(error.status).toBe(403);
    expect(error.describe()).toContain('can only read');
    expect(error.describe()).toContain('"manage" scope');
  });

  it('lists the fields and rules of a 400', async () => {
    const error = await apiErrorOf(
      answer(400, { message: 'Bad Request', errors: [{ field: 'title', rule: 'length', message: 'title is too long' }] }),
    );

    expect(error.describe()).toBe('title: title is too long');
  });
});
