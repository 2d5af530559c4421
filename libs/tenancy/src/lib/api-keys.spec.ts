import { apiKeyMatches, generateApiKey, hashApiKey } from './api-keys';

describe('api keys', () => {
  it('prefixes write and secret keys differently', () => {
    expect(generateApiKey('write')).toMatch(/^pwk_[A-Za-z0-9_-]{32}$/);
    expect(generateApiKey('secret')).toMatch(/^psk_[A-Za-z0-9_-]{32}$/);
  });

  it('never generates the same key twice', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey('write')));
    expect(keys.size).toBe(1000);
  });

  it('stores the SHA-256 of the key, not the key', () => {
    // sha256("abc") is the FIPS 180-2 test vector.
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches the right key and refuses a wrong or malformed hash', () => {
    const key = generateApiKey('secret');
    const stored = hashApiKey(key);
    expect(apiKeyMatches(key, stored)).toBe(true);
    expect(apiKeyMatches(key + 'x', stored)).toBe(false);
    expect(apiKeyMatches(key, 'not-a-hash')).toBe(false);
  });
});
