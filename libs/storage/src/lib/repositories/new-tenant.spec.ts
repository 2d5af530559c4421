import {
  findNewTenantProblems,
  isIanaTimeZone,
  type NewTenant,
} from './new-tenant';

const valid: NewTenant = {
  slug: 'acme-shop',
  name: 'Acme Shop',
  writeKeyHash: 'a'.repeat(64),
};

describe('isIanaTimeZone', () => {
  it.each([
    'UTC',
    'Europe/Paris',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+5',
  ])('accepts %s', (name) => {
    expect(isIanaTimeZone(name)).toBe(true);
  });

  it.each(['+02:00', 'Mars/Olympus_Mons', '', 'Europe/Paris; DROP'])(
    'refuses %p',
    (name) => {
      expect(isIanaTimeZone(name)).toBe(false);
    },
  );
});

describe('findNewTenantProblems', () => {
  it('finds none in a valid tenant, with or without time zone and currency', () => {
    expect(findNewTenantProblems(valid)).toEqual([]);
    expect(
      findNewTenantProblems({
        ...valid,
        timeZone: 'Asia/Tokyo',
        currency: 'JPY',
      }),
    ).toEqual([]);
  });

  it.each(['Acme', '-acme', 'acme-', 'ac me', 'a'.repeat(64)])(
    'refuses the slug %p',
    (slug) => {
      expect(findNewTenantProblems({ ...valid, slug })).toEqual([
        expect.stringContaining('slug'),
      ]);
    },
  );

  it('lists every problem at once', () => {
    const problems = findNewTenantProblems({
      slug: 'ok',
      name: ' ',
      writeKeyHash: '',
      timeZone: 'GMT+2:00',
      currency: 'usd',
    });

    expect(problems).toEqual([
      'name must be 1-200 characters',
      'writeKeyHash must be 1-128 characters',
      "timeZone 'GMT+2:00' is not an IANA time zone name",
      "currency 'usd' must be a three-letter ISO 4217 code",
    ]);
  });
});
