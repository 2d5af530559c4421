import { Injectable } from '@nestjs/common';
import { logisticModelToJson, predictLogisticProbability, type SampleMoments } from '@pulse/analytics-core';
import { ModelVersionRepository } from '@pulse/ml-data-access';
import { satisfactionFeatureTable } from '@pulse/ml-features';
import { MlClock } from '../training/ml-clock';
import { NotEnoughDataException, shortfall } from '../training/not-enough-data';
import { finiteOrUndefined, orNull, requireServedVersion, servedVersion, type ServedVersion, type TrainingTrigger } from '../training/served-model';
import { ConversationActivityQuery, type ScoredConversationActivity } from './conversation-activity.query';
import { dailySatisfaction, localDays } from './daily-satisfaction';
import { satisfactionFactors } from './satisfaction-factors';
import {
  SATISFACTION_TRAINING_DAYS,
  SATISFACTION_TRAINING_MINIMUM,
  satisfactionCounts,
  trainSatisfactionModel,
  type LabelledConversation,
  type SatisfactionValidation,
} from './satisfaction-model-training';
import type {
  DailySatisfactionResponse,
  SatisfactionPredictionResponse,
  SatisfactionTrainingResponse,
  SatisfactionValidationResponse,
} from './satisfaction.dto';

const DAY_MS = 86_400_000;

/** Satisfaction per tenant: trained from the scores customers gave, predicted for the conversations without one. */
@Injectable()
export class SatisfactionService {
  constructor(
    private readonly conversations: ConversationActivityQuery,
    private readonly models: ModelVersionRepository,
    private readonly clock: MlClock,
  ) {}

  async train(tenantId: string, trigger: TrainingTrigger, now = this.clock.now()): Promise<SatisfactionTrainingResponse> {
    const from = new Date(now.getTime() - SATISFACTION_TRAINING_DAYS * DAY_MS);
    const rows = (await this.conversations.read(tenantId, { kind: 'active', from, to: now })).filter(
      (row): row is ScoredConversationActivity & LabelledConversation => row.satisfactionScore !== null,
    );
    const counts = satisfactionCounts(rows);
    if (shortfall(SATISFACTION_TRAINING_MINIMUM, counts)) {
      throw new NotEnoughDataException(
        `A satisfaction model needs at least ${SATISFACTION_TRAINING_MINIMUM.scoredConversations} conversations with a satisfaction_score in the ${SATISFACTION_TRAINING_DAYS} days before now, ` +
          `${SATISFACTION_TRAINING_MINIMUM.satisfied} of them scored 0.75 or more and ${SATISFACTION_TRAINING_MINIMUM.unsatisfied} below; ` +
          `found ${counts.scoredConversations}, ${counts.satisfied} and ${counts.unsatisfied}`,
        { ...SATISFACTION_TRAINING_MINIMUM },
        counts,
      );
    }
    const served = await servedVersion(this.models, tenantId, 'satisfaction');
    const outcome = trainSatisfactionModel(rows, served);
    const validation = validationResponse(outcome.validation);
    const compared = outcome.currentOnSameRows ? validationResponse(outcome.currentOnSameRows) : null;
    const previous = served
      ? {
          version: served.version,
          auc: compared ? compared.auc : orNull(served.metrics.auc),
          meanSquaredError: compared ? compared.meanSquaredError : orNull(served.metrics.brier),
          meanAbsoluteError: compared ? compared.meanAbsoluteError : orNull(finiteOrUndefined(served.stored.metrics['meanAbsoluteError'])),
          sameRows: compared !== null,
        }
      : null;
    const saved = await this.models.save(tenantId, 'satisfaction', {
      model: logisticModelToJson(outcome.model),
      // `brier` is the mean squared error of the score (Brier's formula on a 0–1 outcome): what model selection compares.
      metrics: {
        ...validation,
        brier: validation.meanSquaredError,
        trainingRows: outcome.trainingRows,
        ...counts,
        from: from.toISOString(),
        trigger,
        previous,
      },
      trainedAt: now,
      makeCurrent: outcome.replaces,
    });
    return {
      version: saved.version,
      trainedAt: now.toISOString(),
      from: from.toISOString(),
      scoredConversations: counts.scoredConversations,
      satisfied: counts.satisfied,
      trainingRows: outcome.trainingRows,
      validation,
      previous,
      replacedCurrent: outcome.replaces,
      currentVersion: outcome.replaces || !served ? saved.version : served.version,
    };
  }

  /** One conversation's predicted score; null when the tenant has no such conversation. */
  async predictConversation(tenantId: string, conversationId: string): Promise<SatisfactionPredictionResponse | null> {
    const served = await requireServedVersion(this.models, tenantId, 'satisfaction');
    const [row] = await this.conversations.read(tenantId, { kind: 'one', conversationId });
    if (!row) return null;
    const table = satisfactionFeatureTable([row], { fill: served.model.means });
    const score = predictLogisticProbability(served.model, table.values[0]);
    const factors = satisfactionFactors(served.model, table, 0);
    const heldOutError = finiteOrUndefined(served.stored.metrics['meanAbsoluteError']) ?? 1;
    return {
      conversationId: row.conversation,
      day: row.day,
      score,
      confidence: table.completeness[0] * Math.max(0, 1 - heldOutError),
      completeness: table.completeness[0],
      observedScore: row.satisfactionScore,
      factors,
      explanation: `Predicted ${score.toFixed(2)}${factors.length > 0 ? `: ${factors.map((factor) => factor.description).join('; ')}` : ''}`,
      modelVersion: served.version,
      featuresUsed: [...table.featureNames],
    };
  }

  /** Per local day, the predicted mean of conversations without a score beside the scores given. */
  async daily(tenant: { id: string; timeZone: string }, fromDay: string, toDay: string): Promise<DailySatisfactionResponse> {
    const served = await requireServedVersion(this.models, tenant.id, 'satisfaction');
    const { rows, predictions } = await this.predictionsOfDays(served, tenant.id, fromDay, toDay);
    return {
      from: fromDay,
      to: toDay,
      timeZone: tenant.timeZone,
      modelVersion: served.version,
      points: dailySatisfaction(
        localDays(fromDay, toDay),
        rows.map((row, i) => ({ day: row.day, observed: row.satisfactionScore, predicted: predictions[i] })),
      ),
    };
  }

  /**
   * The predictions for the conversations started on fromDay … toDay that customers did not score, as a sample
   * (the insight report tests their mean against the previous period's); null when the tenant has no model.
   */
  async unscoredPredictions(tenantId: string, fromDay: string, toDay: string): Promise<{ modelVersion: number; sample: SampleMoments } | null> {
    const served = await servedVersion(this.models, tenantId, 'satisfaction');
    if (!served) return null;
    const { rows, predictions } = await this.predictionsOfDays(served, tenantId, fromDay, toDay);
    const unscored = predictions.filter((_, i) => rows[i].satisfactionScore === null);
    return {
      modelVersion: served.version,
      sample: {
        count: unscored.length,
        sum: unscored.reduce((sum, score) => sum + score, 0),
        sumOfSquares: unscored.reduce((sum, score) => sum + score * score, 0),
      },
    };
  }

  private async predictionsOfDays(served: ServedVersion, tenantId: string, fromDay: string, toDay: string) {
    const rows = await this.conversations.read(tenantId, { kind: 'started_on', fromDay, toDay });
    const table = satisfactionFeatureTable(rows, { fill: served.model.means });
    return { rows, predictions: table.values.map((values) => predictLogisticProbability(served.model, values)) };
  }
}

function validationResponse(validation: SatisfactionValidation): SatisfactionValidationResponse {
  return {
    rows: validation.rows,
    meanAbsoluteError: orNull(validation.meanAbsoluteError),
    baselineMeanAbsoluteError: orNull(validation.baselineMeanAbsoluteError),
    meanSquaredError: orNull(validation.meanSquaredError),
    r2: orNull(validation.r2),
    auc: orNull(validation.auc),
  };
}
