import { planActiveDays } from './active-days-planning';

const TENANT = { id: 'tenant-1', timeZone: 'Pacific/Auckland' };
const B = (value: number | string) => BigInt(value);
const bit = (n: number) => B(1) << B(n);
const at = (iso: string) => new Date(iso);

describe('planActiveDays', () => {
  it("ORs a person's days per local year, cut in the tenant's zone, and skips events without a person", () => {
    const rows = planActiveDays(TENANT, [
      // Auckland is +13:00 in summer: 2025-12-31T10:59Z is 31 Dec (index 364), 11:00Z is 1 Jan 2026.
      { occurredAt: at('2025-12-31T10:59:00Z'), userKey: 'u1' },
      { occurredAt: at('2025-12-31T11:00:00Z'), userKey: 'u1' },
      { occurredAt: at('2026-01-01T10:00:00Z'), userKey: 'u1' },
      // 2 January (index 1) and 5 March (index 63: the sign bit).
      { occurredAt: at('2026-01-02T00:00:00Z'), userKey: 'u1' },
      { occurredAt: at('2026-03-05T00:00:00Z'), userKey: 'u1' },
      { occurredAt: at('2026-01-01T00:00:00Z'), userKey: 'u2' },
      { occurredAt: at('2026-01-01T00:00:00Z'), userKey: null },
    ]);
    const zero = B(0);
    expect(rows).toEqual([
      { tenantId: 'tenant-1', year: 2025, userKey: 'u1', words: [zero, zero, zero, zero, zero, bit(44)] },
      { tenantId: 'tenant-1', year: 2026, userKey: 'u1', words: [B('-9223372036854775805'), zero, zero, zero, zero, zero] },
      { tenantId: 'tenant-1', year: 2026, userKey: 'u2', words: [B(1), zero, zero, zero, zero, zero] },
    ]);
  });
});
