import { Inject, Injectable, Logger } from '@nestjs/common';
import { LiveStateWriter, liveStateEventOf, liveStateHorizon } from '@pulse/realtime';
import {
  DATA_SOURCE,
  eraseAuditedPerson,
  RecentEventsQuery,
  TenantRepository,
  type PersonErasure,
  type Tenant,
} from '@pulse/storage';
import { QueryFailedError, type DataSource } from 'typeorm';
import { INGESTION_CLOCK, type IngestionClock } from '../ingestion-clock';

/** Deadlock and serialization failure: a processor batch of the same person got in the way; try again. */
const RETRYABLE_SQL_STATES = new Set(['40P01', '40001']);
const MAX_TRANSACTION_ATTEMPTS = 3;

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
 * GDPR erase: each person in one transaction (`eraseAuditedPerson`: the erase and its audit entry), then the tenant's
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

  private async eraseOne(tenant: Tenant, userId: string, actor: string): Promise<UserErasureResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const { erasure, auditId } = await eraseAuditedPerson(manager, tenant, userId, actor);
          const { ids, suppressedIds, ...erased } = erasure;
          return { userId, linkedIds: ids, erased, suppressedIds, auditId };
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
