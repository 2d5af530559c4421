import type { OpenedStore } from '@pulse/storage/testing';
import { DataSource } from 'typeorm';
import { createTenant, ML_STORE_TARGETS } from '../../testing/ml-store';
import type { NewAlertNotification } from './alert-notification';
import { AlertNotificationRepository } from './alert-notification.repository';
import { AlertRuleRepository } from './alert-rule.repository';
import type { StoredAlertRule } from './alert-rule';

const T0 = new Date('2026-03-10T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(ML_STORE_TARGETS)('AlertNotificationRepository on $name', (target) => {
  let opened: OpenedStore;
  let notifications: AlertNotificationRepository;
  let rules: AlertRuleRepository;
  let tenant: string;

  const newRule = () =>
    rules.create(
      tenant,
      {
        name: 'r',
        query: { metric: { type: 'event_count' } },
        condition: { kind: 'threshold', operator: 'above', value: 1 },
        granularity: 'minute',
        cooldownSeconds: 0,
        webhookUrl: 'https://hooks.example.com/a',
        enabled: true,
      },
      'rule-secret',
    );
  const fired = (rule: StoredAlertRule, incidentId: string, overrides: Partial<NewAlertNotification> = {}): NewAlertNotification => ({
    ruleId: rule.id,
    tenantId: rule.tenantId,
    incidentId,
    kind: 'fired',
    incidentStartedAt: T0,
    bucketStart: T0,
    payload: { kind: 'alert.fired', incidentId, observed: 12.5 },
    status: 'pending',
    nextAttemptAt: T0,
    ...overrides,
  });

  beforeAll(async () => {
    opened = await target.open();
    notifications = new AlertNotificationRepository(opened.store.dataSource);
    rules = new AlertRuleRepository(opened.store.dataSource);
    tenant = await createTenant(opened);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('keeps one notification per rule, incident and kind: a second insert changes nothing', async () => {
    const rule = await newRule();
    const first = await notifications.insertIfAbsent(fired(rule, 'inc-1'));
    expect(first).toMatchObject({ incidentId: 'inc-1', kind: 'fired', status: 'pending', attempts: 0, attemptLog: [], payload: { observed: 12.5 } });
    expect(await notifications.insertIfAbsent(fired(rule, 'inc-1', { bucketStart: at(60), payload: { other: true } }))).toBeNull();
    expect(await notifications.insertIfAbsent(fired(rule, 'inc-1', { kind: 'recovered' }))).toMatchObject({ kind: 'recovered' });
    expect(await notifications.findForIncident(rule.id, 'inc-1', 'fired')).toMatchObject({ bucketStart: T0, payload: { observed: 12.5 } });
  });

  it('names the start of the latest notified incident, ignoring suppressed ones and the incident asked about', async () => {
    const rule = await newRule();
    expect(await notifications.lastNotifiedIncidentStart(rule.id, 'any')).toBeNull();
    await notifications.insertIfAbsent(fired(rule, 'a', { incidentStartedAt: at(0) }));
    await notifications.insertIfAbsent(fired(rule, 'b', { incidentStartedAt: at(600), status: 'suppressed', nextAttemptAt: null }));
    await notifications.insertIfAbsent(fired(rule, 'c', { incidentStartedAt: at(1200) }));
    expect(await notifications.lastNotifiedIncidentStart(rule.id, 'd')).toEqual(at(1200));
    expect(await notifications.lastNotifiedIncidentStart(rule.id, 'c')).toEqual(at(0));
  });

  it('claims due notifications once, with the rule’s webhook, until the lease runs out', async () => {
    const rule = await newRule();
    const due = await notifications.insertIfAbsent(fired(rule, 'claim-1', { nextAttemptAt: at(-1) }));
    await notifications.insertIfAbsent(fired(rule, 'claim-later', { nextAttemptAt: at(3600) }));
    const claimed = await notifications.claimDue(T0, 30_000, 100);
    const mine = claimed.filter((claim) => claim.notification.ruleId === rule.id);
    expect(mine).toEqual([
      {
        notification: expect.objectContaining({ id: due?.id, nextAttemptAt: at(30) }),
        webhookUrl: 'https://hooks.example.com/a',
        webhookSecret: 'rule-secret',
      },
    ]);
    expect((await notifications.claimDue(at(29), 30_000, 100)).filter((claim) => claim.notification.ruleId === rule.id)).toEqual([]);
    expect((await notifications.claimDue(at(30), 30_000, 100)).map((claim) => claim.notification.id)).toContain(due?.id);
  });

  it('holds a rule’s later notification back while an earlier one is pending, then hands it out', async () => {
    const rule = await newRule();
    const first = await notifications.insertIfAbsent(fired(rule, 'order-1', { nextAttemptAt: at(60) }));
    const second = await notifications.insertIfAbsent(fired(rule, 'order-1', { kind: 'recovered', nextAttemptAt: at(-1) }));
    const mine = async (now: Date) =>
      (await notifications.claimDue(now, 1_000, 100)).filter((claim) => claim.notification.ruleId === rule.id).map((claim) => claim.notification.id);
    expect(await mine(T0)).toEqual([]);
    await notifications.recordAttempt(first?.id ?? '', { at: T0.toISOString(), durationMs: 5, httpStatus: 204 }, { status: 'delivered' });
    expect(await mine(T0)).toEqual([second?.id]);
  });

  it('logs every attempt and moves the notification on: retried later, then delivered', async () => {
    const rule = await newRule();
    const notification = await notifications.insertIfAbsent(fired(rule, 'attempts'));
    const id = notification?.id ?? '';
    const failed = { at: at(0).toISOString(), durationMs: 12, httpStatus: 503, error: 'HTTP 503' };
    expect(await notifications.recordAttempt(id, failed, { status: 'pending', nextAttemptAt: at(1) })).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 503',
      nextAttemptAt: at(1),
      attemptLog: [failed],
    });
    const ok = { at: at(1).toISOString(), durationMs: 8, httpStatus: 204 };
    expect(await notifications.recordAttempt(id, ok, { status: 'delivered' })).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastError: 'HTTP 503',
      nextAttemptAt: null,
      deliveredAt: new Date(at(1).getTime() + 8),
      attemptLog: [failed, ok],
    });
    // Delivered is final: a late attempt of another deliverer changes nothing.
    expect(await notifications.recordAttempt(id, ok, { status: 'failed' })).toBeNull();
  });

  it('shows a rule’s history newest first, pages on time, and only within the tenant', async () => {
    const rule = await newRule();
    for (const incident of ['h1', 'h2', 'h3']) await notifications.insertIfAbsent(fired(rule, incident));
    const all = await notifications.history(tenant, rule.id, { limit: 10 });
    expect(all.map((row) => row.incidentId)).toEqual(['h3', 'h2', 'h1']);
    expect((await notifications.history(tenant, rule.id, { limit: 10, before: all[0].createdAt })).map((row) => row.incidentId)).toEqual([
      'h2',
      'h1',
    ]);
    expect(await notifications.history(await createTenant(opened), rule.id, { limit: 10 })).toEqual([]);
  });

  it('deletes a rule’s notifications with the rule', async () => {
    const rule = await newRule();
    await notifications.insertIfAbsent(fired(rule, 'gone'));
    await rules.delete(tenant, rule.id);
    expect(await notifications.findForIncident(rule.id, 'gone', 'fired')).toBeNull();
  });

  if (target.name === 'PostgreSQL') {
    it('lets exactly one of several connections insert the same notification at the same time', async () => {
      const rule = await newRule();
      const url = (opened.store.dataSource.options as { url: string }).url;
      const replicas = await Promise.all([1, 2, 3, 4].map(() => new DataSource({ type: 'postgres', url, poolSize: 1 }).initialize()));
      try {
        const results = await Promise.all(replicas.map((replica) => new AlertNotificationRepository(replica).insertIfAbsent(fired(rule, 'race'))));
        expect(results.filter((result) => result !== null)).toHaveLength(1);
      } finally {
        await Promise.all(replicas.map((replica) => replica.destroy()));
      }
    });

    it('hands each due notification to one of two concurrent claimers', async () => {
      const ruleIds = new Set<string>();
      for (let index = 0; index < 20; index++) {
        const rule = await newRule();
        ruleIds.add(rule.id);
        await notifications.insertIfAbsent(fired(rule, 'shared', { nextAttemptAt: at(-5) }));
      }
      const url = (opened.store.dataSource.options as { url: string }).url;
      const replicas = await Promise.all([1, 2].map(() => new DataSource({ type: 'postgres', url, poolSize: 1 }).initialize()));
      try {
        const claims = await Promise.all(replicas.map((replica) => new AlertNotificationRepository(replica).claimDue(T0, 60_000, 15)));
        const ids = claims
          .flat()
          .filter((claim) => ruleIds.has(claim.notification.ruleId))
          .map((claim) => claim.notification.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(20);
      } finally {
        await Promise.all(replicas.map((replica) => replica.destroy()));
      }
    });
  }
});
