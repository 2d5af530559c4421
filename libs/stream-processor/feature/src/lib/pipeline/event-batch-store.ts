import type { SessionWindow } from '@pulse/analytics-core';
import {
  advanceConversations,
  conversationEventInputOf,
  ConversationMetricsRepository,
  DataQualityCountersRepository,
  IdentityLinkRepository,
  ProcessedEventRepository,
  recordEventSummaries,
  SuppressedUserRepository,
  UserSessionRepository,
  eventKey,
  planDataQualityCounts,
  type ConversationEventInput,
  type NewIdentityLink,
  type ProcessedEvent,
  type SqlExecutor,
  type UserSessionState,
} from '@pulse/storage';
import { receivedDayFinder } from './received-day';
import { enrichEventContext } from './event-enrichment';
import { applyBatchIdentities, identityIdsOf, userKeyOf, type SessionStateMerge } from './identity-resolution';
import type { IncomingEvent, TenantProfile } from './incoming-event';
import { assignBatchSessions } from './session-assignment';

/** An event this batch stored for the first time, with what the processor added to it. */
export interface StoredEvent extends IncomingEvent {
  row: ProcessedEvent;
}

export interface StoredBatch {
  stored: StoredEvent[];
  /** Events already stored before this batch (redelivery, client retry). */
  duplicates: number;
  /** Events of ids erased while their tenant suppresses erased users: dropped, not stored. */
  suppressed: number;
  /** Rollup rows the NEW events created or added to, by granularity. */
  rollupRows: ReadonlyMap<string, number>;
}

/**
 * Everything a batch changes in the database, inside one transaction (`sql` is its executor):
 * de-duplication against stored events, identity links, session state, the enriched raw events,
 * and, from the rows that turned out NEW only, rollups, persons' first-seen instants and active days,
 * and conversation metrics. Redelivering a
 * batch after its commit changes nothing; after a crash before its commit, nothing of it was kept.
 *
 * `events` must be unique per (tenant, event id).
 */
export async function storeEventBatch(sql: SqlExecutor, events: readonly IncomingEvent[]): Promise<StoredBatch> {
  const eventRepository = new ProcessedEventRepository(sql);
  const alreadyStored = await eventRepository.findStored(
    events.map(({ tenant, event }) => ({ tenantId: tenant.id, eventId: event.eventId })),
  );
  const unstored = events.filter(({ tenant, event }) => !alreadyStored.has(eventKey(tenant.id, event.eventId)));
  const fresh = await withoutSuppressed(sql, unstored);
  const suppressed = unstored.length - fresh.length;
  if (fresh.length === 0) return { stored: [], duplicates: events.length - unstored.length, suppressed, rollupRows: new Map() };

  const byTenant = groupByTenant(fresh);
  const identities = await resolveIdentities(sql, byTenant);
  const sessions = await assignSessionIds(sql, byTenant, identities);

  const rows = fresh.map((incoming) => {
    const { tenant, event, occurredAt, receivedAt } = incoming;
    const userKey = userKeyOf(identities.get(tenant.id)!.map, event);
    const row: ProcessedEvent = {
      tenantId: tenant.id,
      eventId: event.eventId,
      type: event.type,
      category: event.category,
      occurredAt,
      receivedAt,
      userId: event.userId ?? null,
      anonymousId: event.anonymousId ?? null,
      sessionId: sessions.get(eventKey(tenant.id, event.eventId)) ?? event.sessionId ?? null,
      properties: event.properties,
      context: (event.context ?? {}) as Record<string, unknown>,
      userKey,
      ...enrichEventContext(event, occurredAt, tenant.timeZone),
      violations: incoming.violations ?? null,
      invalidValues: incoming.invalidValues ?? null,
    };
    return { ...incoming, row };
  });
  const inserted = await eventRepository.insertNew(rows.map(({ row }) => row));
  const stored = rows.filter(({ row }) => inserted.has(eventKey(row.tenantId, row.eventId)));

  const { rollupRowsByGranularity } = await recordEventSummaries(
    sql,
    [...groupByTenant(stored).values()].map(({ tenant, events: tenantEvents }) => ({
      tenant,
      events: tenantEvents.map(({ row, event }) => ({
        tenantId: row.tenantId,
        type: row.type,
        category: event.category,
        occurredAt: row.occurredAt,
        userKey: row.userKey,
        deviceType: row.deviceType,
        properties: event.properties,
      })),
    })),
  );
  await updateConversations(sql, stored);
  await countStoredEvents(sql, stored);
  return { stored, duplicates: events.length - suppressed - stored.length, suppressed, rollupRows: rollupRowsByGranularity };
}

/**
 * Drops the events of erased ids of tenants that suppress them (`suppressed_users`, written by the GDPR erase).
 * The batch's person locks are taken first, all at once and sorted, as `resolveIdentities` takes them (it then
 * holds them already): an erase of the same person commits wholly before or after this check.
 */
async function withoutSuppressed(sql: SqlExecutor, events: readonly IncomingEvent[]): Promise<IncomingEvent[]> {
  if (!events.some(({ tenant }) => tenant.suppressErasedUsers)) return [...events];
  const ids = [...new Set(events.flatMap(({ tenant, event }) => identityIdsOf(event).map((id) => `${tenant.id}\u0000${id}`)))].map((key) => {
    const [tenantId, id] = key.split('\u0000');
    return { tenantId, id };
  });
  await new IdentityLinkRepository(sql).lockIds(ids);
  const suppressed = await new SuppressedUserRepository(sql).findSuppressed(
    events.filter(({ tenant }) => tenant.suppressErasedUsers).flatMap(({ tenant, event }) => identityIdsOf(event).map((id) => ({ tenantId: tenant.id, id }))),
  );
  return events.filter(
    ({ tenant, event }) => !tenant.suppressErasedUsers || !identityIdsOf(event).some((id) => suppressed.has(`${tenant.id}\u0000${id}`)),
  );
}

interface TenantIdentities {
  map: Map<string, string>;
  merges: SessionStateMerge[];
}

async function resolveIdentities(
  sql: SqlExecutor,
  byTenant: Map<string, { tenant: TenantProfile; events: IncomingEvent[] }>,
): Promise<Map<string, TenantIdentities>> {
  const links = new IdentityLinkRepository(sql);
  const ids = [...byTenant.values()].flatMap(({ tenant, events }) =>
    [...new Set(events.flatMap(({ event }) => identityIdsOf(event)))].map((id) => ({ tenantId: tenant.id, id })),
  );
  // One device's events and its identify may sit on different partitions, stored side by side: without
  // the lock, each would resolve identities and sessions before seeing the other's, and split the visit.
  await links.lockIds(ids);
  const storedMaps = await links.findChains(ids);
  const result = new Map<string, TenantIdentities>();
  const added: NewIdentityLink[] = [];
  for (const { tenant, events } of byTenant.values()) {
    const applied = applyBatchIdentities(storedMaps.get(tenant.id) ?? new Map(), events);
    added.push(...applied.added.map((link) => ({ tenantId: tenant.id, ...link })));
    result.set(tenant.id, { map: applied.map, merges: applied.sessionMerges });
  }
  // A link another processor stored meanwhile wins; this batch then resolved with its own (rare, harmless).
  await links.insertNew(added);
  return result;
}

/** Session id per event key, after loading, advancing and saving the users' session state. */
async function assignSessionIds(
  sql: SqlExecutor,
  byTenant: Map<string, { tenant: TenantProfile; events: IncomingEvent[] }>,
  identities: Map<string, TenantIdentities>,
): Promise<Map<string, string>> {
  const repository = new UserSessionRepository(sql);
  const wanted: Array<{ tenantId: string; userKey: string }> = [];
  const inputs = new Map<string, Array<{ eventId: string; occurredAt: Date; userKey: string; clientSessionId: string | null }>>();
  for (const { tenant, events } of byTenant.values()) {
    const { map, merges } = identities.get(tenant.id)!;
    const tenantInputs = events.flatMap(({ event, occurredAt }) => {
      const userKey = userKeyOf(map, event);
      return userKey === null ? [] : [{ eventId: event.eventId, occurredAt, userKey, clientSessionId: event.sessionId ?? null }];
    });
    inputs.set(tenant.id, tenantInputs);
    const keys = new Set([...tenantInputs.map((input) => input.userKey), ...merges.flatMap((merge) => [merge.toKey, ...merge.fromKeys])]);
    for (const userKey of keys) wanted.push({ tenantId: tenant.id, userKey });
  }
  const storedStates = await repository.lockAndLoad(wanted);
  const sessionIds = new Map<string, string>();
  const changed: UserSessionState[] = [];
  for (const { tenant } of byTenant.values()) {
    const stored = new Map<string, SessionWindow[]>(
      storedStates.filter((state) => state.tenantId === tenant.id).map((state) => [state.userKey, state.sessions]),
    );
    const result = assignBatchSessions(tenant.id, inputs.get(tenant.id)!, stored, identities.get(tenant.id)!.merges);
    for (const [eventId, sessionId] of result.sessionIdOf) sessionIds.set(eventKey(tenant.id, eventId), sessionId);
    for (const [userKey, sessions] of result.states) changed.push({ tenantId: tenant.id, userKey, sessions });
  }
  await repository.saveAll(changed);
  return sessionIds;
}

async function updateConversations(sql: SqlExecutor, stored: readonly StoredEvent[]): Promise<void> {
  const inputs: ConversationEventInput[] = stored.flatMap(({ row, event }) => {
    const input = conversationEventInputOf({ ...row, category: event.category, localDate: row.localDate, properties: event.properties });
    return input ? [input] : [];
  });
  if (inputs.length === 0) return;
  const repository = new ConversationMetricsRepository(sql);
  const keys = new Map(inputs.map((input) => [`${input.tenantId}\u0000${input.conversationId}`, input]));
  const storedStates = await repository.lockAndLoad(
    [...keys.values()].map(({ tenantId, conversationId }) => ({ tenantId, conversationId })),
  );
  const { states, deltas } = advanceConversations(storedStates, inputs);
  await repository.saveStates(states);
  await repository.applyDailyDeltas(deltas);
}

/** The data-quality overview's stored and stored-with-violations counters, by the tenant-local day received. */
async function countStoredEvents(sql: SqlExecutor, stored: readonly StoredEvent[]): Promise<void> {
  const dayReceived = receivedDayFinder();
  const counts = planDataQualityCounts(
    stored.map(({ row, tenant, source, violations }) => ({
      tenantId: row.tenantId,
      day: dayReceived(row.receivedAt, tenant.timeZone),
      eventType: row.type,
      source,
      outcome: violations?.length ? 'stored_with_violations' : 'stored',
      ...(violations?.length ? { issues: violations } : {}),
    })),
  );
  await new DataQualityCountersRepository(sql).add(counts);
}

function groupByTenant<T extends IncomingEvent>(events: readonly T[]): Map<string, { tenant: TenantProfile; events: T[] }> {
  const groups = new Map<string, { tenant: TenantProfile; events: T[] }>();
  for (const incoming of events) {
    const group = groups.get(incoming.tenant.id);
    if (group) group.events.push(incoming);
    else groups.set(incoming.tenant.id, { tenant: incoming.tenant, events: [incoming] });
  }
  return groups;
}
