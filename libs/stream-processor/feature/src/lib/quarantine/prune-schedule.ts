/**
 * When a tenant's quarantine is worth pruning. Pruning scans the tenant's newest `maxEventsPerTenant`
 * rows to find the cut, so doing it on every dead-letter batch would make a flood of rejections cost a
 * full index walk per batch. A tenant is pruned once it has gained 1 % of its bound since the last
 * prune (so it never holds more than 1 % over), or a minute has passed (so the age bound holds to
 * within a minute).
 */
export class PruneSchedule {
  private readonly tenants = new Map<
    string,
    { prunedAt: number; addedSince: number }
  >();

  constructor(
    private readonly maxEventsPerTenant: number,
    private readonly intervalMs = 60_000,
  ) {}

  /** Records `added` new rows for the tenant; true when it should be pruned now. */
  isDue(tenantId: string, added: number, nowMs: number): boolean {
    const state = this.tenants.get(tenantId) ?? {
      prunedAt: Number.NEGATIVE_INFINITY,
      addedSince: 0,
    };
    state.addedSince += added;
    this.tenants.set(tenantId, state);
    const slack = Math.max(1, Math.floor(this.maxEventsPerTenant / 100));
    return (
      state.addedSince >= slack || nowMs - state.prunedAt >= this.intervalMs
    );
  }

  /** After the prune committed. */
  pruned(tenantId: string, nowMs: number): void {
    this.tenants.set(tenantId, { prunedAt: nowMs, addedSince: 0 });
  }
}
