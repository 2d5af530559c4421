import { hashApiKey } from '../api-keys';
import type { AuthenticatedTenant } from '../authenticated-tenant';
import type { KeyOwner, TenantKeyLookup } from './tenant-key-lookup';
import { TenantAuthService } from './tenant-auth.service';

const ACME: AuthenticatedTenant = { id: 't-acme', slug: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR' };
const GLOBEX: AuthenticatedTenant = { id: 't-globex', slug: 'globex', name: 'Globex', timeZone: 'UTC', currency: 'USD' };

/** Keys by hash, like the tables; counts lookups so tests can see what the cache saved. */
class FakeKeyLookup implements TenantKeyLookup {
  readonly writeKeys = new Map<string, KeyOwner>();
  readonly secretKeys = new Map<string, KeyOwner>();
  lookups = 0;

  async findByWriteKeyHash(keyHash: string): Promise<KeyOwner | null> {
    this.lookups += 1;
    return this.writeKeys.get(keyHash) ?? null;
  }

  async findBySecretKeyHash(keyHash: string): Promise<KeyOwner | null> {
    this.lookups += 1;
    return this.secretKeys.get(keyHash) ?? null;
  }
}

describe('TenantAuthService', () => {
  let lookup: FakeKeyLookup;
  let now: number;
  let auth: TenantAuthService;

  beforeEach(() => {
    lookup = new FakeKeyLookup();
    lookup.writeKeys.set(hashApiKey('pwk_acme'), { tenant: ACME });
    lookup.secretKeys.set(hashApiKey('psk_acme'), { tenant: ACME });
    now = 1_000_000;
    auth = new TenantAuthService(lookup, { cacheTtlMs: 30_000, now: () => now });
  });

  it('resolves a write key and a secret key to their tenant', async () => {
    expect(await auth.authenticateWriteKey('pwk_acme')).toEqual(ACME);
    expect(await auth.authenticateSecretKey('psk_acme')).toEqual(ACME);
  });

  it('does not accept a write key as a secret key or the other way round', async () => {
    expect(await auth.authenticateSecretKey('pwk_acme')).toBeNull();
    expect(await auth.authenticateWriteKey('psk_acme')).toBeNull();
  });

  it('looks a key up by its SHA-256, never by the key itself', async () => {
    const seen: string[] = [];
    lookup.findByWriteKeyHash = async (keyHash) => {
      seen.push(keyHash);
      return null;
    };

    await auth.authenticateWriteKey('pwk_acme');

    expect(seen).toEqual([hashApiKey('pwk_acme')]);
  });

  it('answers a known key from the cache until the TTL has passed', async () => {
    await auth.authenticateWriteKey('pwk_acme');
    now += 29_999;
    await auth.authenticateWriteKey('pwk_acme');
    expect(lookup.lookups).toBe(1);

    now += 1;
    await auth.authenticateWriteKey('pwk_acme');
    expect(lookup.lookups).toBe(2);
  });

  it('caches an unknown key too, so a stream of bad requests does not reach the database', async () => {
    expect(await auth.authenticateWriteKey('pwk_unknown')).toBeNull();
    expect(await auth.authenticateWriteKey('pwk_unknown')).toBeNull();

    expect(lookup.lookups).toBe(1);
  });

  it('shares one lookup between concurrent requests with the same key', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => auth.authenticateWriteKey('pwk_acme')));

    expect(answers).toEqual([ACME, ACME, ACME]);
    expect(lookup.lookups).toBe(1);
  });

  it('forgets a rotated write key at once in this process', async () => {
    await auth.authenticateWriteKey('pwk_acme');
    lookup.writeKeys.delete(hashApiKey('pwk_acme'));
    lookup.writeKeys.set(hashApiKey('pwk_acme_2'), { tenant: ACME });

    auth.forgetTenant(ACME.id);

    expect(await auth.authenticateWriteKey('pwk_acme')).toBeNull();
    expect(await auth.authenticateWriteKey('pwk_acme_2')).toEqual(ACME);
  });

  it("forgets only the rotated tenant's keys", async () => {
    lookup.writeKeys.set(hashApiKey('pwk_globex'), { tenant: GLOBEX });
    await auth.authenticateWriteKey('pwk_acme');
    await auth.authenticateWriteKey('pwk_globex');

    auth.forgetTenant(ACME.id);
    await auth.authenticateWriteKey('pwk_acme');
    await auth.authenticateWriteKey('pwk_globex');

    expect(lookup.lookups).toBe(3);
  });

  it('does not cache what a lookup found when the tenant was rotated while it ran', async () => {
    let finish: (owner: KeyOwner | null) => void = () => undefined;
    lookup.findByWriteKeyHash = () => new Promise((resolve) => (finish = resolve));
    const stale = auth.authenticateWriteKey('pwk_acme');

    auth.forgetTenant(ACME.id);
    finish({ tenant: ACME });
    expect(await stale).toEqual(ACME);

    lookup.findByWriteKeyHash = async () => null;
    expect(await auth.authenticateWriteKey('pwk_acme')).toBeNull();
  });

  it('does not let a request made after a rotation join a lookup that started before it', async () => {
    let finishStale: (owner: KeyOwner | null) => void = () => undefined;
    lookup.findByWriteKeyHash = () => new Promise((resolve) => (finishStale = resolve));
    const stale = auth.authenticateWriteKey('pwk_acme');

    auth.forgetTenant(ACME.id);
    lookup.findByWriteKeyHash = async () => null;
    const fresh = auth.authenticateWriteKey('pwk_acme');
    finishStale({ tenant: ACME });

    expect(await stale).toEqual(ACME);
    expect(await fresh).toBeNull();
  });

  it('caches a secret key in its grace period no longer than the grace period', async () => {
    lookup.secretKeys.set(hashApiKey('psk_leaving'), { tenant: ACME, validUntil: new Date(now + 10_000) });
    await auth.authenticateSecretKey('psk_leaving');
    lookup.secretKeys.delete(hashApiKey('psk_leaving'));

    now += 9_999;
    expect(await auth.authenticateSecretKey('psk_leaving')).toEqual(ACME);
    now += 1;
    expect(await auth.authenticateSecretKey('psk_leaving')).toBeNull();
  });

  it('refuses an empty or absurdly long key without a lookup', async () => {
    expect(await auth.authenticateWriteKey('')).toBeNull();
    expect(await auth.authenticateWriteKey('x'.repeat(257))).toBeNull();
    expect(lookup.lookups).toBe(0);
  });

  it('remembers at most maxCachedKeys answers, dropping the oldest', async () => {
    const small = new TenantAuthService(lookup, { maxCachedKeys: 2, now: () => now });
    await small.authenticateWriteKey('pwk_a');
    await small.authenticateWriteKey('pwk_b');
    await small.authenticateWriteKey('pwk_c');
    expect(lookup.lookups).toBe(3);

    await small.authenticateWriteKey('pwk_c');
    await small.authenticateWriteKey('pwk_a');
    expect(lookup.lookups).toBe(4);
  });
});
