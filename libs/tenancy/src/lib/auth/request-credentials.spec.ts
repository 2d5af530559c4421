import { basicUserOf, bearerTokenOf, writeKeyOf } from './request-credentials';

function basic(user: string, password = ''): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('request credentials', () => {
  it('reads a bearer token, whatever the case of the scheme', () => {
    expect(bearerTokenOf({ headers: { authorization: 'Bearer pwk_abc' } })).toBe('pwk_abc');
    expect(bearerTokenOf({ headers: { authorization: 'bearer pwk_abc' } })).toBe('pwk_abc');
    expect(bearerTokenOf({ headers: { authorization: 'Bearer' } })).toBeUndefined();
    expect(bearerTokenOf({ headers: {} })).toBeUndefined();
  });

  it('reads the HTTP Basic user as Segment SDKs send it (key, colon, empty password)', () => {
    expect(basicUserOf({ headers: { authorization: basic('pwk_abc') } })).toBe('pwk_abc');
  });

  it('falls back to the Basic password when the user is empty', () => {
    expect(basicUserOf({ headers: { authorization: basic('', 'pwk_abc') } })).toBe('pwk_abc');
  });

  it('finds the write key in the Authorization header first, then X-Pulse-Write-Key, then the body', () => {
    expect(writeKeyOf({ headers: { authorization: 'Bearer pwk_1', 'x-pulse-write-key': 'pwk_2' } })).toEqual({
      key: 'pwk_1',
      source: 'bearer',
    });
    expect(writeKeyOf({ headers: { authorization: basic('pwk_1') }, body: { writeKey: 'pwk_2' } })).toEqual({
      key: 'pwk_1',
      source: 'basic',
    });
    expect(writeKeyOf({ headers: { 'x-pulse-write-key': ' pwk_2 ' }, body: { writeKey: 'pwk_3' } })).toEqual({
      key: 'pwk_2',
      source: 'header',
    });
  });

  it("reads Segment's writeKey and PostHog's api_key from the body", () => {
    expect(writeKeyOf({ headers: {}, body: { writeKey: 'pwk_s', batch: [] } })).toEqual({ key: 'pwk_s', source: 'body' });
    expect(writeKeyOf({ headers: {}, body: { api_key: 'pwk_p', event: 'x' } })).toEqual({ key: 'pwk_p', source: 'body' });
    expect(writeKeyOf({ headers: {}, body: { event: 'x', properties: { token: 'pwk_t' } } })).toEqual({
      key: 'pwk_t',
      source: 'body',
    });
  });

  it('reads the api_key of the first event of a PostHog batch sent without a top-level key', () => {
    expect(writeKeyOf({ headers: {}, body: { batch: [{ api_key: 'pwk_b', event: 'x' }] } })).toEqual({
      key: 'pwk_b',
      source: 'body',
    });
    expect(writeKeyOf({ headers: {}, body: [{ api_key: 'pwk_a', event: 'x' }] })).toEqual({ key: 'pwk_a', source: 'body' });
  });

  it('finds nothing in a request without a key', () => {
    expect(writeKeyOf({ headers: {}, body: { event: 'x' } })).toBeUndefined();
    expect(writeKeyOf({ headers: { authorization: 'Digest abc' } })).toBeUndefined();
    expect(writeKeyOf({ headers: {}, body: 'not an object' })).toBeUndefined();
  });
});
