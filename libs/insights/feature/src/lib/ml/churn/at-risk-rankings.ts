import { Injectable } from '@nestjs/common';
import type { FeatureTable } from '@pulse/ml-features';

/** A tenant's everyone-scored ranking, computed at `cut` with one model version. */
export interface AtRiskRanking {
  modelVersion: number;
  cut: Date;
  table: FeatureTable;
  probabilities: number[];
  /** Row indices, highest probability first (ties by user id). */
  order: number[];
}

/** How long a ranking is reused: paging through it stays consistent and cheap, and it is never older than this. */
export const AT_RISK_RANKING_TTL_MS = 5 * 60_000;
/** Rankings kept at once (≈ 10 MB each at 100,000 persons); the least recently used goes first. */
const MAX_RANKINGS = 8;

/**
 * Scoring everyone takes seconds at 100,000 persons (docs/BENCHMARKS.md), so a replica keeps each tenant's latest
 * ranking for five minutes: the next pages read it instead of scoring everyone again. A new served version or an
 * older ranking makes a fresh one.
 */
@Injectable()
export class AtRiskRankings {
  private readonly rankings = new Map<string, AtRiskRanking>();

  async get(tenantId: string, modelVersion: number, now: Date, compute: () => Promise<AtRiskRanking>): Promise<AtRiskRanking> {
    const kept = this.rankings.get(tenantId);
    const age = kept ? now.getTime() - kept.cut.getTime() : Infinity;
    if (kept && kept.modelVersion === modelVersion && age >= 0 && age < AT_RISK_RANKING_TTL_MS) {
      this.rankings.delete(tenantId);
      this.rankings.set(tenantId, kept);
      return kept;
    }
    const ranking = await compute();
    this.rankings.delete(tenantId);
    this.rankings.set(tenantId, ranking);
    while (this.rankings.size > MAX_RANKINGS) this.rankings.delete(this.rankings.keys().next().value as string);
    return ranking;
  }
}
