import type { AdminAuditEntry, AdminAuditQuery } from '@pulse/storage';
import { isUuid } from '@pulse/storage';
import { badRequest } from '../http/ingestion-responses';
import type { AdminAuditResponse } from './audit.dto';

export const MAX_AUDIT_PAGE = 1000;

/** The audit routes' query string as sent (every value a string, or absent). */
export interface AuditQueryParameters {
  tenantId?: string;
  action?: string;
  since?: string;
  until?: string;
  limit?: string;
  beforeId?: string;
}

/** Checks the filters and the page of `GET /v1/admin/audit` and `GET /v1/audit`; 400 naming the field otherwise. */
export function auditQueryOf(parameters: AuditQueryParameters): AdminAuditQuery {
  const { tenantId, action, beforeId } = parameters;
  if (tenantId !== undefined && !isUuid(tenantId)) throw badRequest('tenantId', 'isUuid', 'tenantId must be a UUID');
  if (beforeId !== undefined && !/^\d{1,18}$/.test(beforeId)) throw badRequest('beforeId', 'isInt', 'beforeId must be an entry id');
  if (action !== undefined && (action.length === 0 || action.length > 64)) throw badRequest('action', 'length', 'action must be 1 to 64 characters');
  const since = instantOf('since', parameters.since);
  const until = instantOf('until', parameters.until);
  if (since && until && since >= until) throw badRequest('until', 'isAfterSince', 'until must be later than since');
  return { tenantId, action, beforeId, since, until, limit: limitOf(parameters.limit) };
}

/** One page, newest first, with the cursor of the next one. */
export function auditPageOf(entries: AdminAuditEntry[], query: AdminAuditQuery): AdminAuditResponse {
  return {
    entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    nextBeforeId: entries.length === query.limit ? entries[entries.length - 1].id : null,
  };
}

function instantOf(field: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const at = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw badRequest(field, 'isTimestamp', `${field} must be an ISO-8601 date or date-time with a time-zone offset`);
  return at;
}

function limitOf(value: string | undefined): number {
  if (value === undefined || value === '') return 100;
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw badRequest('limit', 'isIntegerInRange', `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}`);
  }
  return limit;
}
