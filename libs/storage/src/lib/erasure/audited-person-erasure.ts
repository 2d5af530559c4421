import type { SqlExecutor } from '../repositories/sql-executor';
import { AdminAuditRepository } from './admin-audit.repository';
import { PersonErasureRepository, type ErasedTenant, type PersonErasure } from './person-erasure.repository';

export const USER_ERASE_AUDIT_ACTION = 'user.erase';

/**
 * One person's GDPR erase and its audit entry, inside the caller's transaction (both or neither): the entry's
 * details are the erase's figures, its linked ids and the report runs queued again.
 */
export async function eraseAuditedPerson(
  sql: SqlExecutor,
  tenant: ErasedTenant & { suppressErasedUsers: boolean },
  userId: string,
  actor: string,
): Promise<{ erasure: PersonErasure; auditId: string }> {
  const erasure = await new PersonErasureRepository(sql).erase(tenant, userId, { suppress: tenant.suppressErasedUsers });
  const { ids, ...figures } = erasure;
  const entry = await new AdminAuditRepository(sql).record({
    actor,
    action: USER_ERASE_AUDIT_ACTION,
    tenantId: tenant.id,
    subject: userId,
    details: { linkedIds: ids, ...figures },
  });
  return { erasure, auditId: entry.id };
}
