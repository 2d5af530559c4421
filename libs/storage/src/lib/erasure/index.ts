export { PersonErasureRepository, type ErasedTenant, type PersonErasure } from './person-erasure.repository';
export { AdminAuditRepository, type AdminAuditEntry, type AdminAuditQuery, type NewAdminAuditEntry } from './admin-audit.repository';
export { SuppressedUserRepository } from './suppressed-user.repository';
export { RecentEventsQuery, type RecentEvent } from './recent-events.query';
export { eraseAuditedPerson, USER_ERASE_AUDIT_ACTION } from './audited-person-erasure';
