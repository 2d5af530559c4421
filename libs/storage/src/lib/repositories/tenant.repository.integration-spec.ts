import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { InvalidTenantError } from './new-tenant';
import {
  TenantAlreadyExistsError,
  TenantRepository,
} from './tenant.repository';

describe.each(STORE_TARGETS)('TenantRepository on $name', (target) => {
  let opened: OpenedStore;
  let tenants: TenantRepository;

  beforeAll(async () => {
    opened = await target.open();
    tenants = new TenantRepository(opened.store.dataSource);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('creates a tenant with defaults and finds it by id, slug and write key hash', async () => {
    const created = await tenants.create({
      slug: 'acme',
      name: 'Acme Inc.',
      writeKeyHash: 'hash-acme',
    });

    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      slug: 'acme',
      name: 'Acme Inc.',
      timeZone: 'UTC',
      currency: 'USD',
      schemaPolicy: 'lenient',
      storeMessageText: false,
      suppressErasedUsers: false,
      writeKeyHash: 'hash-acme',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(await tenants.findById(created.id)).toEqual(created);
    expect(await tenants.findBySlug('acme')).toEqual(created);
    expect(await tenants.findByWriteKeyHash('hash-acme')).toEqual(created);
  });

  it('keeps the time zone and currency it was given', async () => {
    const created = await tenants.create({
      slug: 'boulangerie',
      name: 'Boulangerie',
      writeKeyHash: 'hash-boulangerie',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
    });

    expect(await tenants.findById(created.id)).toMatchObject({
      timeZone: 'Europe/Paris',
      currency: 'EUR',
    });
  });

  it('answers null for unknown ids, slugs and hashes, including an id that is not a UUID', async () => {
    expect(
      await tenants.findById('6f1c7d1e-0000-4000-8000-000000000000'),
    ).toBeNull();
    expect(await tenants.findById('not-a-uuid')).toBeNull();
    expect(await tenants.findBySlug('nobody')).toBeNull();
    expect(await tenants.findByWriteKeyHash('hash-nobody')).toBeNull();
  });

  it('refuses a second tenant with a taken slug or write key hash', async () => {
    await tenants.create({
      slug: 'unique-co',
      name: 'Unique',
      writeKeyHash: 'hash-unique',
    });

    await expect(
      tenants.create({
        slug: 'unique-co',
        name: 'Copy',
        writeKeyHash: 'hash-other',
      }),
    ).rejects.toThrow(new TenantAlreadyExistsError('UQ_tenants_slug'));
    await expect(
      tenants.create({
        slug: 'other-co',
        name: 'Copy',
        writeKeyHash: 'hash-unique',
      }),
    ).rejects.toThrow(
      new TenantAlreadyExistsError('UQ_tenants_write_key_hash'),
    );
  });

  it('refuses an invalid tenant before touching the database', async () => {
    await expect(
      tenants.create({
        slug: 'Bad Slug',
        name: 'Bad',
        writeKeyHash: 'hash-bad',
        timeZone: '+02:00',
      }),
    ).rejects.toBeInstanceOf(InvalidTenantError);
    expect(await tenants.findByWriteKeyHash('hash-bad')).toBeNull();
  });

  it('changes only the settings given, and answers null for an unknown id', async () => {
    const tenant = await tenants.create({ slug: 'settings-co', name: 'Settings', writeKeyHash: 'hash-settings', storeMessageText: true });
    expect(tenant.storeMessageText).toBe(true);
    const changed = await tenants.updateSettings(tenant.id, { schemaPolicy: 'strict' });
    expect(changed).toMatchObject({ schemaPolicy: 'strict', storeMessageText: true });
    expect(await tenants.updateSettings(tenant.id, { storeMessageText: false })).toMatchObject({ schemaPolicy: 'strict', storeMessageText: false });
    expect(await tenants.updateSettings('8a0e3f3e-0000-4000-8000-000000000000', { storeMessageText: true })).toBeNull();
    expect(await tenants.updateSettings('not-a-uuid', { storeMessageText: true })).toBeNull();
  });

  it('lists tenants by slug', async () => {
    const slugs = (await tenants.list()).map((tenant) => tenant.slug);

    expect(slugs).toEqual(['acme', 'boulangerie', 'settings-co', 'unique-co']);
  });
});
