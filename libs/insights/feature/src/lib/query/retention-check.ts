import { expiredRangeIssue, KEEP_EVERYTHING, type QueryIssue, type RetainedData, type RetentionPolicy } from '@pulse/analytics-core';
import type { TenantRetentionRepository } from '@pulse/storage';

/** How long a tenant's windows are reused before they are read again (a changed window applies within this). */
const POLICY_TTL_MS = 30_000;

/**
 * Refuses a range the tenant's retention windows have expired (400 `dataExpired` on `from`), so an old
 * range never answers zeros that read as "no activity". Windows are read at most every 30 s per tenant.
 */
export class RetentionCheck {
  private readonly cache = new Map<string, { policy: RetentionPolicy; readAt: number }>();

  constructor(
    private readonly policies: Pick<TenantRetentionRepository, 'find'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async issue(tenantId: string, from: Date, reads: readonly RetainedData[]): Promise<QueryIssue | null> {
    const now = this.now();
    return expiredRangeIssue(from, reads, await this.policyOf(tenantId, now.getTime()), now);
  }

  private async policyOf(tenantId: string, at: number): Promise<RetentionPolicy> {
    const cached = this.cache.get(tenantId);
    if (cached && at - cached.readAt < POLICY_TTL_MS) return cached.policy;
    const policy = (await this.policies.find(tenantId)) ?? KEEP_EVERYTHING;
    this.cache.set(tenantId, { policy, readAt: at });
    return policy;
  }
}
