import { Inject, Injectable } from '@nestjs/common';
import { AdminAuditRepository, DATA_SOURCE, type AdminAuditEntry, type AdminAuditQuery, type NewAdminAuditEntry } from '@pulse/storage';
import type { DataSource } from 'typeorm';

/** Who did what, when, to which tenant: admin actions, key changes, erasures, exports and report downloads. */
export const AUDIT_ACTIONS = {
  tenantCreate: 'tenant.create',
  tenantUpdate: 'tenant.update',
  writeKeyRotate: 'write-key.rotate',
  secretKeyIssue: 'secret-key.issue',
  secretKeyRevoke: 'secret-key.revoke',
  retentionUpdate: 'retention.update',
  propertyMappingsReplace: 'property-mappings.replace',
  dataExport: 'data.export',
  reportDownload: 'report.download',
} as const;

/** The actor recorded when no request is behind an action (the embedded start's demo seeding, tests). */
export const SYSTEM_ACTOR = 'system';

/** The `admin_audit_log` table for whoever records or reads it; keys never enter it, only their ids. */
@Injectable()
export class AdminAuditService {
  private readonly entries: AdminAuditRepository;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.entries = new AdminAuditRepository(dataSource);
  }

  record(entry: NewAdminAuditEntry): Promise<AdminAuditEntry> {
    return this.entries.record(entry);
  }

  /** Newest first. */
  list(query: AdminAuditQuery): Promise<AdminAuditEntry[]> {
    return this.entries.list(query);
  }
}
