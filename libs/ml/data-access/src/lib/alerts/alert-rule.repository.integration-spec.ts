import type { OpenedStore } from '@pulse/storage/testing';
import { QueryFailedError } from 'typeorm';
import { createTenant, ML_STORE_TARGETS } from '../../testing/ml-store';
import type { AlertRuleDefinition } from './alert-rule';
import { AlertRuleRepository } from './alert-rule.repository';

const ordersDrop: AlertRuleDefinition = {
  name: 'Orders drop',
  query: { metric: { type: 'event_count', events: ['purchase'] } },
  condition: { kind: 'threshold', operator: 'below', value: 5 },
  granularity: 'hour',
  cooldownSeconds: 900,
  webhookUrl: 'https://hooks.example.com/pulse',
  enabled: true,
};
const errorSpike: AlertRuleDefinition = {
  ...ordersDrop,
  name: 'Error spike',
  condition: { kind: 'anomaly', method: 'mad', sensitivity: 0.8 },
  granularity: 'minute',
};

describe.each(ML_STORE_TARGETS)('AlertRuleRepository on $name', (target) => {
  let opened: OpenedStore;
  let rules: AlertRuleRepository;
  let tenant: string;
  let otherTenant: string;

  beforeAll(async () => {
    opened = await target.open();
    rules = new AlertRuleRepository(opened.store.dataSource);
    tenant = await createTenant(opened);
    otherTenant = await createTenant(opened);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('stores a threshold rule and an anomaly rule and reads them back as defined, with the secret and no incident', async () => {
    const threshold = await rules.create(tenant, ordersDrop, 'secret-1');
    const anomaly = await rules.create(tenant, errorSpike, 'secret-2');
    expect(threshold).toMatchObject({ ...ordersDrop, tenantId: tenant, webhookSecret: 'secret-1', openIncident: null, lastEvaluatedBucket: null });
    expect(await rules.find(tenant, anomaly.id)).toEqual(anomaly);
    expect(anomaly.condition).toEqual({ kind: 'anomaly', method: 'mad', sensitivity: 0.8 });
    expect((await rules.list(tenant)).map((rule) => rule.name)).toEqual(['Orders drop', 'Error spike']);
  });

  it('never shows, changes or deletes another tenant’s rule', async () => {
    const rule = await rules.create(tenant, ordersDrop, 'secret');
    expect(await rules.find(otherTenant, rule.id)).toBeNull();
    expect(await rules.list(otherTenant)).toEqual([]);
    expect(await rules.update(otherTenant, rule.id, { ...ordersDrop, name: 'hijacked' }, { keepsIncident: true })).toBeNull();
    expect(await rules.findForUpdate(otherTenant, rule.id)).toBeNull();
    expect(await rules.delete(otherTenant, rule.id)).toBe(false);
    expect(await rules.find(tenant, rule.id)).toMatchObject({ name: 'Orders drop' });
  });

  it('reads an id that is not a UUID as absent', async () => {
    expect(await rules.find(tenant, 'not-a-uuid')).toBeNull();
    expect(await rules.delete(tenant, 'not-a-uuid')).toBe(false);
  });

  it('replaces the definition on update, keeps the secret and forgets the open incident unless told to keep it', async () => {
    const rule = await rules.create(tenant, ordersDrop, 'kept-secret');
    const ten = new Date('2026-03-10T10:00:00Z');
    const incident = { id: 'incident-1', startedAt: ten.getTime() };
    await rules.recordEvaluation(rule, ten, incident);
    const renamed = await rules.update(tenant, rule.id, { ...ordersDrop, name: 'Renamed' }, { keepsIncident: true });
    expect(renamed).toMatchObject({ name: 'Renamed', webhookSecret: 'kept-secret', openIncident: incident, lastEvaluatedBucket: ten });
    const updated = await rules.update(tenant, rule.id, { ...errorSpike, name: 'Renamed', enabled: false }, { keepsIncident: false });
    expect(updated).toMatchObject({
      ...errorSpike,
      name: 'Renamed',
      enabled: false,
      webhookSecret: 'kept-secret',
      openIncident: null,
      lastEvaluatedBucket: null,
    });
    expect(updated?.updatedAt.getTime()).toBeGreaterThan(rule.updatedAt.getTime());
  });

  it('lists only enabled rules for the detector', async () => {
    const tenantWithRules = await createTenant(opened);
    await rules.create(tenantWithRules, { ...ordersDrop, name: 'on' }, 's');
    await rules.create(tenantWithRules, { ...ordersDrop, name: 'off', enabled: false }, 's');
    expect((await rules.listEnabled(tenantWithRules)).map((rule) => rule.name)).toEqual(['on']);
  });

  it('records the first evaluation of a bucket only: a repeated or older bucket is refused', async () => {
    const rule = await rules.create(tenant, ordersDrop, 's');
    const ten = new Date('2026-03-10T10:00:00Z');
    const incident = { id: 'incident-7', startedAt: ten.getTime() };
    expect(await rules.recordEvaluation(rule, ten, incident)).toBe(true);
    expect(await rules.recordEvaluation(rule, ten, null)).toBe(false);
    expect(await rules.recordEvaluation(rule, new Date('2026-03-10T09:00:00Z'), null)).toBe(false);
    expect(await rules.find(tenant, rule.id)).toMatchObject({ openIncident: incident, lastEvaluatedBucket: ten });
    expect(await rules.recordEvaluation(rule, new Date('2026-03-10T11:00:00Z'), null)).toBe(true);
    expect(await rules.find(tenant, rule.id)).toMatchObject({ openIncident: null });
  });

  it('refuses to record an evaluation of a rule edited since it was read', async () => {
    const rule = await rules.create(tenant, ordersDrop, 's');
    await rules.update(tenant, rule.id, { ...ordersDrop, name: 'edited' }, { keepsIncident: true });
    expect(await rules.recordEvaluation(rule, new Date('2026-03-10T10:00:00Z'), null)).toBe(false);
  });

  it('refuses a half-described condition in the database itself', async () => {
    await expect(
      opened.store.dataSource.query(
        `INSERT INTO "alert_rules" ("tenant_id", "name", "query", "condition_kind", "threshold_operator", "granularity",
           "cooldown_seconds", "webhook_url", "webhook_secret") VALUES ($1, 'x', '{}', 'threshold', 'above', 'hour', 0, 'https://x', 's')`,
        [tenant],
      ),
    ).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('deletes a rule', async () => {
    const rule = await rules.create(tenant, ordersDrop, 's');
    expect(await rules.delete(tenant, rule.id)).toBe(true);
    expect(await rules.find(tenant, rule.id)).toBeNull();
  });
});
