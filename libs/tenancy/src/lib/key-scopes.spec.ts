import { grantsScope, secretKeyScopesOf } from './key-scopes';

describe('secret key scopes', () => {
  it('always includes read and keeps manage when asked for', () => {
    expect(secretKeyScopesOf(undefined)).toEqual(['read']);
    expect(secretKeyScopesOf([])).toEqual(['read']);
    expect(secretKeyScopesOf(['manage'])).toEqual(['read', 'manage']);
    expect(secretKeyScopesOf(['manage', 'read'])).toEqual(['read', 'manage']);
  });

  it('grants manage only to keys that have it, and read to every key', () => {
    expect(grantsScope(['read'], 'manage')).toBe(false);
    expect(grantsScope(['read', 'manage'], 'manage')).toBe(true);
    expect(grantsScope(['read'], 'read')).toBe(true);
  });
});
