import { newWebhookSecret, webhookSignature } from './webhook-signature';

describe('webhookSignature', () => {
  it('is the hex HMAC-SHA256 of the body (RFC 4231 test case 2)', () => {
    expect(webhookSignature('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('signs the body as UTF-8 bytes', () => {
    // Python: hmac.new(b'whsec_k', '{"name":"Bestellungen ↓"}'.encode(), 'sha256').hexdigest()
    expect(webhookSignature('whsec_k', '{"name":"Bestellungen ↓"}')).toBe('sha256=2e16cb1232c4e603864c80ac91645168a51f57a9b2ccf7accc4a28374065d693');
  });
});

describe('newWebhookSecret', () => {
  it('gives 192 random bits, URL-safe, never the same twice', () => {
    const secrets = new Set(Array.from({ length: 100 }, newWebhookSecret));
    expect(secrets.size).toBe(100);
    for (const secret of secrets) expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  });
});
