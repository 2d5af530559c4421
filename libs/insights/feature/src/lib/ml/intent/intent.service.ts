import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { intentModelFromJson, intentModelToJson } from '@pulse/analytics-core';
import { INTENT_MODEL_KIND, ModelVersionRepository, StoredIntentModelSource, type StoredModelVersion } from '@pulse/ml-data-access';
import { INTENT_MODEL_SOURCE } from '../messages/intent-model-source';
import { MlClock } from '../training/ml-clock';
import { NotEnoughDataException, shortfall } from '../training/not-enough-data';
import { finiteOrUndefined, orNull, type TrainingTrigger } from '../training/served-model';
import type { IntentClassCountsResponse, IntentModelResponse, IntentTrainingResponse } from './intent.dto';
import {
  INTENT_MESSAGES_PER_INTENT,
  INTENT_TRAINING_DAYS,
  INTENT_TRAINING_MAX_MESSAGES,
  INTENT_TRAINING_MINIMUM,
  trainIntentModel,
  usableIntentMessages,
} from './intent-model-training';
import { LabelledMessagesQuery } from './labelled-messages.query';

const DAY_MS = 86_400_000;

/** Message intent models per tenant: trained from the messages that carry an intent label, served to message analysis. */
@Injectable()
export class IntentService {
  constructor(
    private readonly messages: LabelledMessagesQuery,
    private readonly models: ModelVersionRepository,
    @Inject(INTENT_MODEL_SOURCE) private readonly served: StoredIntentModelSource,
    private readonly clock: MlClock,
  ) {}

  async train(tenantId: string, trigger: TrainingTrigger, now = this.clock.now()): Promise<IntentTrainingResponse> {
    const from = new Date(now.getTime() - INTENT_TRAINING_DAYS * DAY_MS);
    const { usable, counts } = usableIntentMessages(await this.messages.read(tenantId, { from, to: now }, INTENT_TRAINING_MAX_MESSAGES));
    if (shortfall(INTENT_TRAINING_MINIMUM, counts)) {
      throw new NotEnoughDataException(
        `An intent model needs at least ${INTENT_TRAINING_MINIMUM.labelledMessages} message_sent/message_received events with both text and an intent label ` +
          `in the ${INTENT_TRAINING_DAYS} days before now, in at least ${INTENT_TRAINING_MINIMUM.intents} intents of ${INTENT_MESSAGES_PER_INTENT} or more messages each; ` +
          `found ${counts.labelledMessages} in ${counts.intents}. Texts are stored only for tenants with storeMessageText on`,
        { ...INTENT_TRAINING_MINIMUM },
        counts,
      );
    }
    const current = await this.models.current(tenantId, INTENT_MODEL_KIND);
    const previousAccuracy = current ? orNull(finiteOrUndefined(current.metrics['accuracy'])) : null;
    const outcome = trainIntentModel(usable, previousAccuracy);
    const validation = {
      rows: outcome.validation.rows,
      accuracy: orNull(outcome.validation.accuracy),
      coverage: orNull(outcome.validation.coverage),
      answeredAccuracy: orNull(outcome.validation.answeredAccuracy),
      baselineAccuracy: orNull(outcome.baselineAccuracy),
      perIntent: outcome.perIntent,
    };
    const saved = await this.models.save(tenantId, INTENT_MODEL_KIND, {
      model: intentModelToJson(outcome.model, outcome.validation),
      metrics: {
        ...validation,
        trainingRows: outcome.trainingRows,
        ...counts,
        from: from.toISOString(),
        trigger,
        previous: current ? { version: current.version, accuracy: previousAccuracy } : null,
      },
      trainedAt: now,
      makeCurrent: outcome.replaces,
    });
    // This process serves the new version at once; other replicas (and the stream processor) within their cache time.
    if (outcome.replaces) this.served.forget(tenantId);
    return {
      ...describe(saved),
      from: from.toISOString(),
      labelledMessages: counts.labelledMessages,
      previousVersion: current?.version ?? null,
      previousAccuracy,
      replacedCurrent: outcome.replaces,
      currentVersion: outcome.replaces || !current ? saved.version : current.version,
    };
  }

  /** The served version's intents and validation; 404 (saying how to train one) when the tenant has none. */
  async current(tenantId: string): Promise<IntentModelResponse> {
    const stored = await this.models.current(tenantId, INTENT_MODEL_KIND);
    if (!stored) throw new NotFoundException(`No intent model has been trained for this tenant yet: POST /v1/ml/intent/train`);
    return describe(stored);
  }
}

function describe(stored: StoredModelVersion): IntentModelResponse {
  const model = intentModelFromJson(stored.model);
  const metrics = stored.metrics;
  const number = (name: string) => orNull(finiteOrUndefined(metrics[name]));
  return {
    version: stored.version,
    trainedAt: stored.trainedAt.toISOString(),
    intents: model.labels,
    minConfidence: model.minConfidence,
    vocabularySize: model.vocabulary.length,
    trainingRows: Number(metrics['trainingRows']),
    validation: {
      rows: Number(metrics['rows']),
      accuracy: number('accuracy'),
      coverage: number('coverage'),
      answeredAccuracy: number('answeredAccuracy'),
      baselineAccuracy: number('baselineAccuracy'),
      perIntent: (metrics['perIntent'] as IntentClassCountsResponse[] | undefined) ?? [],
    },
  };
}
