import { Inject, Injectable, Logger } from '@nestjs/common';
import { LiveStateWriter, liveStateEventOf, liveStateHorizon } from '@pulse/realtime';
import {
  AdminAuditRepository,
  DATA_SOURCE,
  PersonErasureRepository,
  RecentEventsQuery,
  TenantRepository,
  type AdminAuditEntry,
  type AdminAuditQuery,
  type PersonErasure,
  type Tenant,
} from '@pulse/storage';
import { QueryFailedError, type DataSource } from 'typeorm';
import { INGESTION_CLOCK, type IngestionClock } from '../ingestion-clock';

/** Deadlock and serialization failure: a processor batch of the same person got in the way; try again. */
const RETRYABLE_SQL_STATES = new Set(['40P01', '40001']);
const MAX_TRANSACTION_ATTEMPTS = 3;
export const USER_ERASE_AUDIT_ACTION = 'user.erase';

export interface UserErasureResult {
  userId: string;
  /** The id and every id linked to it that the erase covered. */
  linkedIds: string[];
  /** What was removed or corrected; all zero when nothing of the person was stored (erasing again). */
  erased: Omit<PersonErasure, 'ids' | 'suppressedIds'>;
  /** Ids added to the tenant's suppression list (0 when the tenant does not suppress, or they were already in it). */
  suppressedIds: number;
  auditId: string;
}

export interface UserErasureAnswer {
  tenantId: string;
  results: UserErasureResult[];
  /** rebuilt: the tenant's live state was recomputed from PostgreSQL; unchanged: nothing was erased; failed: see the logs. */
  liveState: 'rebuilt' | 'unchanged' | 'failed';
}

/**
 * GDPR erase: each person in one transaction (`PersonErasureRepository`, with its audit entry), then the tenant's
 * live state rebuilt from what remains in PostgreSQL (its HyperLogLogs cannot forget one person).
 */
@Injectable()
export class UserErasureService {
  private readonly logger = new Logger(UserErasureService.name);

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly tenants: TenantRepository,
    private readonly liveState: LiveStateWriter,
    @Inject(INGESTION_CLOCK) private readonly clock: IngestionClock,
  ) {}

  /** Null for an unknown tenant. */
  async erase(tenantId: string, userIds: readonly string[], actor: string): Promise<UserErasureAnswer | null> {
    const tenant = await this.tenants.findById(tenantId);
    if (tenant === null) return null;
    const results: UserErasureResult[] = [];
    for (const userId of userIds) results.push(await this.eraseOne(tenant, userId, actor));
    const changed = results.some((result) => result.erased.events > 0);
    return { tenantId: tenant.id, results, liveState: changed ? await this.rebuildLiveState(tenant) : 'unchanged' };
  }

  audit(query: AdminAuditQuery): Promise<AdminAuditEntry[]> {
    return new AdminAuditRepository(this.dataSource).list(query);
  }

  private async eraseOne(tenant: Tenant, userId: string, actor: string): Promise<UserErasureResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const { ids, suppressedIds, ...erased } = await new PersonErasureRepository(manager).erase(tenant, userId, {
            suppress: tenant.suppressErasedUsers,
          });
          const entry = await new AdminAuditRepository(manager).record({
            actor,
            action: USER_ERASE_AUDIT_ACTION,
            tenantId: tenant.id,
            subject: userId,
            details: { linkedIds: ids, ...erased, suppressedIds },
          });
          return { userId, linkedIds: ids, erased, suppressedIds, auditId: entry.id };
        });
      } catch (error) {
        if (attempt >= MAX_TRANSACTION_ATTEMPTS || !RETRYABLE_SQL_STATES.has(sqlStateOf(error) ?? '')) throw error;
        this.logger.warn(`erase of a person of tenant ${tenant.id} conflicted (${sqlStateOf(error)}), attempt ${attempt + 1}`);
      }
    }
  }

  private async rebuildLiveState(tenant: Tenant): Promise<'rebuilt' | 'failed'> {
    const { since, localDates } = liveStateHorizon(this.clock.now().getTime(), tenant.timeZone);
    try {
      const events = await new RecentEventsQuery(this.dataSource).since(tenant.id, since);
      await this.liveState.rebuild(tenant.id, { localDates, events: events.map((event) => liveStateEventOf(event, tenant.currency)) });
      return 'rebuilt';
    } catch (error) {
      this.logger.warn(`live state of tenant ${tenant.id} not rebuilt after an erase: ${(error as Error).message}`);
      return 'failed';
    }
  }
}

function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
