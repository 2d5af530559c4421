import { Inject, Injectable } from '@nestjs/common';
import { analyzeMessage } from '@pulse/analytics-core';
import type { IntentModelSource } from '@pulse/ml-data-access';
import type { MessageAnalysisResponse } from './message-analysis.dto';
import { INTENT_MODEL_SOURCE } from './intent-model-source';

/**
 * Sentiment and intent of message texts, stateless: nothing is stored (the text is personal data). A
 * message that cannot be judged gets null sentiment and an unknown intent with the reason; the batch goes on.
 */
@Injectable()
export class MessageAnalysisService {
  constructor(@Inject(INTENT_MODEL_SOURCE) private readonly intentModels: IntentModelSource) {}

  async analyze(tenantId: string, messages: ReadonlyArray<{ id?: string; text: string }>): Promise<MessageAnalysisResponse[]> {
    const classifier = await this.intentModels.currentClassifier(tenantId);
    return messages.map(({ id, text }) => ({ id: id ?? null, ...analyzeMessage(text, classifier) }));
  }
}
