import type { OpenedStore } from '@pulse/storage/testing';
import { createTenant, ML_STORE_TARGETS } from '../../testing/ml-store';
import { ModelVersionRepository } from './model-version.repository';

const trainedAt = new Date('2026-03-10T02:00:00Z');
const version = (auc: number, makeCurrent = true) => ({ model: { weights: [0.5, -1.25], bias: 0.1 }, metrics: { auc }, trainedAt, makeCurrent });

describe.each(ML_STORE_TARGETS)('ModelVersionRepository on $name', (target) => {
  let opened: OpenedStore;
  let models: ModelVersionRepository;
  let tenant: string;

  beforeAll(async () => {
    opened = await target.open();
    models = new ModelVersionRepository(opened.store.dataSource);
    tenant = await createTenant(opened);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('numbers versions per tenant and kind and serves the latest one saved as current', async () => {
    const first = await models.save(tenant, 'churn', version(0.71));
    const second = await models.save(tenant, 'churn', version(0.78));
    const other = await models.save(tenant, 'satisfaction', version(0.6));
    expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);
    expect(await models.current(tenant, 'churn')).toEqual({ ...second, isCurrent: true });
    expect((await models.list(tenant, 'churn')).map((row) => [row.version, row.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(second.model).toEqual({ weights: [0.5, -1.25], bias: 0.1 });
  });

  it('keeps a version that did not validate better without serving it, until promoted', async () => {
    const kind = 'intent';
    await models.save(tenant, kind, version(0.9));
    const worse = await models.save(tenant, kind, version(0.8, false));
    expect((await models.current(tenant, kind))?.version).toBe(1);
    expect(await models.promote(tenant, kind, worse.version)).toBe(true);
    expect((await models.current(tenant, kind))?.version).toBe(2);
    expect(await models.promote(tenant, kind, 99)).toBe(false);
  });

  it('never serves one tenant’s model to another', async () => {
    const other = await createTenant(opened);
    await models.save(tenant, 'churn_b', version(0.7));
    expect(await models.current(other, 'churn_b')).toBeNull();
    expect(await models.list(other, 'churn_b')).toEqual([]);
    expect(await models.promote(other, 'churn_b', 1)).toBe(false);
  });

  it('gives concurrent trainings different version numbers and leaves one current', async () => {
    const kind = 'concurrent';
    const saved = await Promise.all([1, 2, 3, 4].map((index) => models.save(tenant, kind, version(index / 10))));
    expect(saved.map((row) => row.version).sort()).toEqual([1, 2, 3, 4]);
    expect((await models.list(tenant, kind)).filter((row) => row.isCurrent)).toHaveLength(1);
  });
});
