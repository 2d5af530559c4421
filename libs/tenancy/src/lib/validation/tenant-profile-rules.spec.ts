import { isCurrencyCode, isIanaTimeZone, TENANT_SLUG } from './tenant-profile-rules';

describe('tenant profile rules', () => {
  it('accepts IANA time zone names and refuses offsets, abbreviations and unknown zones', () => {
    expect(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires'].map(isIanaTimeZone)).toEqual([true, true, true]);
    expect(['+02:00', 'Mars/Olympus', '', 'Europe/'].map(isIanaTimeZone)).toEqual([false, false, false, false]);
    expect(isIanaTimeZone(42)).toBe(false);
  });

  it('accepts ISO 4217 codes and refuses lowercase, wrong lengths and unknown codes', () => {
    expect(['EUR', 'USD', 'JPY'].map(isCurrencyCode)).toEqual([true, true, true]);
    expect(['eur', 'EURO', 'ZZZ', ''].map(isCurrencyCode)).toEqual([false, false, false, false]);
  });

  it('accepts lowercase slugs with inner hyphens only', () => {
    expect(['acme', 'acme-shop', 'a1'].map((slug) => TENANT_SLUG.test(slug))).toEqual([true, true, true]);
    expect(['Acme', '-acme', 'acme-', 'ac me', 'a'.repeat(64)].map((slug) => TENANT_SLUG.test(slug))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
