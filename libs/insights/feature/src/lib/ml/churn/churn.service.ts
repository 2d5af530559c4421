import { Injectable } from '@nestjs/common';
import { logisticModelToJson, predictLogisticProbability, type ChurnRiskSummary } from '@pulse/analytics-core';
import { ModelVersionRepository } from '@pulse/ml-data-access';
import { CHURN_OBSERVATION, churnFeatureTable, type FeatureTable } from '@pulse/ml-features';
import { MlClock } from '../training/ml-clock';
import { NotEnoughDataException, shortfall } from '../training/not-enough-data';
import { finiteOrUndefined, orNull, requireServedVersion, servedVersion, type ServedVersion, type TrainingTrigger } from '../training/served-model';
import { AtRiskRankings } from './at-risk-rankings';
import { churnFactors } from './churn-factors';
import { CHURN_TRAINING_MINIMUM, churnCounts, trainChurnModel } from './churn-model-training';
import type { AtRiskResponse, ChurnPredictionResponse, ChurnTrainingResponse } from './churn.dto';
import { PersonActivityQuery } from './person-activity.query';
import { retentionActions } from './retention-actions';

const DAY_MS = 86_400_000;

/**
 * Churn per tenant: training cuts 14 days before now (so every label is known), scoring cuts at now. Models are
 * stored as versions in `model_versions` (kind `churn`) and always read with the caller's tenant id.
 */
@Injectable()
export class ChurnService {
  constructor(
    private readonly activity: PersonActivityQuery,
    private readonly models: ModelVersionRepository,
    private readonly clock: MlClock,
    private readonly rankings: AtRiskRankings,
  ) {}

  async train(tenantId: string, trigger: TrainingTrigger, trainedAt = this.clock.now()): Promise<ChurnTrainingResponse> {
    const cut = new Date(trainedAt.getTime() - CHURN_OBSERVATION.horizonDays * DAY_MS);
    const rows = (await this.activity.everyone(tenantId, cut, { labelled: true })).map((row) => ({ ...row, returned: row.returned === true }));
    const counts = churnCounts(rows);
    if (shortfall(CHURN_TRAINING_MINIMUM, counts)) {
      throw new NotEnoughDataException(
        `A churn model needs at least ${CHURN_TRAINING_MINIMUM.persons} persons active in the 28 days before ${cut.toISOString()}, ` +
          `${CHURN_TRAINING_MINIMUM.churned} of whom had no event in the 14 days after it and ${CHURN_TRAINING_MINIMUM.stayed} who came back; ` +
          `found ${counts.persons} persons, ${counts.churned} churned, ${counts.stayed} stayed`,
        { ...CHURN_TRAINING_MINIMUM },
        counts,
      );
    }
    const served = await servedVersion(this.models, tenantId, 'churn');
    const outcome = trainChurnModel(rows, served);
    const validation = {
      rows: outcome.validation.rows,
      positives: outcome.validation.positives,
      auc: orNull(outcome.validation.auc),
      brier: orNull(outcome.validation.brier),
      threshold: outcome.validation.threshold,
      precision: orNull(outcome.validation.precision),
      recall: orNull(outcome.validation.recall),
      calibration: outcome.validation.calibration,
    };
    const previous = served
      ? {
          version: served.version,
          auc: orNull(outcome.currentOnSameRows ? outcome.currentOnSameRows.auc : served.metrics.auc),
          brier: orNull(outcome.currentOnSameRows ? outcome.currentOnSameRows.brier : served.metrics.brier),
          sameRows: outcome.currentOnSameRows !== null,
        }
      : null;
    const saved = await this.models.save(tenantId, 'churn', {
      model: logisticModelToJson(outcome.model, outcome.validation),
      metrics: {
        ...validation,
        trainingRows: outcome.trainingRows,
        ...counts,
        cut: cut.toISOString(),
        horizonDays: CHURN_OBSERVATION.horizonDays,
        trigger,
        previous,
      },
      trainedAt,
      makeCurrent: outcome.replaces,
    });
    return {
      version: saved.version,
      trainedAt: trainedAt.toISOString(),
      cut: cut.toISOString(),
      horizonDays: CHURN_OBSERVATION.horizonDays,
      persons: counts.persons,
      churned: counts.churned,
      trainingRows: outcome.trainingRows,
      validation,
      previous,
      replacedCurrent: outcome.replaces,
      currentVersion: outcome.replaces || !served ? saved.version : served.version,
    };
  }

  /** One person's risk; 404 without a model or when the person has no event in the 28 days before now. */
  async predictUser(tenantId: string, userId: string): Promise<ChurnPredictionResponse | null> {
    const served = await requireServedVersion(this.models, tenantId, 'churn');
    const cut = this.clock.now();
    const activity = await this.activity.one(tenantId, cut, userId);
    if (!activity) return null;
    const table = churnFeatureTable([activity]);
    return prediction(served, table, 0, predictLogisticProbability(served.model, table.values[0]), cut);
  }

  /**
   * Everyone active in the 28 days before `cut` scored by the served model, counted at the model's decision
   * threshold (the insight report's churn finding); null when the tenant has no model.
   */
  async riskAt(tenantId: string, cut: Date): Promise<ChurnRiskSummary | null> {
    const served = await servedVersion(this.models, tenantId, 'churn');
    if (!served) return null;
    const table = churnFeatureTable(await this.activity.everyone(tenantId, cut, { labelled: false }));
    const probabilities = table.values.map((row) => predictLogisticProbability(served.model, row));
    const threshold = finiteOrUndefined(served.stored.metrics['threshold']) ?? 0.5;
    return {
      modelVersion: served.version,
      cut: cut.toISOString(),
      horizonDays: CHURN_OBSERVATION.horizonDays,
      scored: probabilities.length,
      atRisk: probabilities.filter((probability) => probability >= threshold).length,
      threshold,
      expectedChurners: probabilities.reduce((sum, probability) => sum + probability, 0),
      precision: finiteOrUndefined(served.stored.metrics['precision']) ?? null,
      auc: served.metrics.auc ?? null,
    };
  }

  /** Everyone active in the 28 days before now, ranked by churn probability (ties by user id), one page; a ranking is reused for five minutes. */
  async atRisk(tenantId: string, limit: number, offset: number): Promise<AtRiskResponse> {
    const served = await requireServedVersion(this.models, tenantId, 'churn');
    const now = this.clock.now();
    const ranking = await this.rankings.get(tenantId, served.version, now, async () => {
      const table = churnFeatureTable(await this.activity.everyone(tenantId, now, { labelled: false }));
      const probabilities = table.values.map((row) => predictLogisticProbability(served.model, row));
      const order = probabilities.map((_, index) => index).sort((a, b) => probabilities[b] - probabilities[a] || compareKeys(table.keys[a], table.keys[b]));
      return { modelVersion: served.version, cut: now, table, probabilities, order };
    });
    return {
      modelVersion: served.version,
      cut: ranking.cut.toISOString(),
      timeWindowDays: CHURN_OBSERVATION.horizonDays,
      total: ranking.table.keys.length,
      limit,
      offset,
      users: ranking.order.slice(offset, offset + limit).map((index) => prediction(served, ranking.table, index, ranking.probabilities[index], ranking.cut)),
    };
  }
}

function prediction(served: ServedVersion, table: FeatureTable, index: number, probability: number, cut: Date): ChurnPredictionResponse {
  const factors = churnFactors(served.model, table, index);
  return {
    userId: table.keys[index],
    churnProbability: probability,
    timeWindowDays: CHURN_OBSERVATION.horizonDays,
    cut: cut.toISOString(),
    modelVersion: served.version,
    riskFactors: factors,
    retentionActions: retentionActions(factors),
    featuresUsed: [...table.featureNames],
  };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
