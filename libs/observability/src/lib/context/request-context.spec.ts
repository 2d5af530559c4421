import { currentRequestId, REQUEST_ID_HEADER, requestIdFrom, requestIdsOf, runWithRequestContext } from './request-context';

describe('request context', () => {
  it('is visible to awaited work started inside it, and gone outside', async () => {
    const seen = await runWithRequestContext({ requestId: 'r-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentRequestId();
    });

    expect(seen).toBe('r-1');
    expect(currentRequestId()).toBeUndefined();
  });

  it("keeps a caller's sensible id and replaces anything else with a UUID", () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
    expect(requestIdFrom('a b')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom('x'.repeat(129))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lists a batch's distinct request ids in first-seen order, skipping messages without one", () => {
    const messages: Array<{ headers: Record<string, string> }> = [
      { headers: { [REQUEST_ID_HEADER]: 'b' } },
      { headers: {} },
      { headers: { [REQUEST_ID_HEADER]: 'a' } },
      { headers: { [REQUEST_ID_HEADER]: 'b' } },
    ];

    expect(requestIdsOf(messages)).toEqual(['b', 'a']);
    expect(requestIdsOf(messages, 1)).toEqual(['b']);
  });
});
