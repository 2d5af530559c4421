import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Write keys are public (embedded in web pages); secret keys read data and never leave the server. */
export type ApiKeyKind = 'write' | 'secret';

const PREFIX: Record<ApiKeyKind, string> = { write: 'pwk_', secret: 'psk_' };

/** 192 random bits, URL-safe, with a prefix that tells a reader (and a secret scanner) what it is. */
export function generateApiKey(kind: ApiKeyKind): string {
  return PREFIX[kind] + randomBytes(24).toString('base64url');
}

/**
 * Keys are long random strings, not passwords: a single SHA-256 cannot be brute-forced back to
 * 192 random bits, and it lets us look a key up by its hash in one indexed query.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison, so response timing does not leak how much of a key was right. */
export function apiKeyMatches(candidate: string, storedHash: string): boolean {
  const candidateHash = Buffer.from(hashApiKey(candidate), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return expected.length === candidateHash.length && timingSafeEqual(candidateHash, expected);
}
