import { intentClassifier, syntheticIntentMessages, trainIntentClassifier, type IntentClassifier, type IntentModel } from '@pulse/analytics-core';
import type { IntentModelSource } from '@pulse/ml-data-access';
import { MessageAnalysisService } from './message-analysis.service';

// A tenant-scoped fake of the model store: tenant A has a model trained on the synthetic support messages.
const MODEL: IntentModel = trainIntentClassifier(syntheticIntentMessages({ seed: 42, perIntent: 60 }));

class OneTenantModels implements IntentModelSource {
  readonly asked: string[] = [];
  async currentClassifier(tenantId: string): Promise<IntentClassifier | undefined> {
    this.asked.push(tenantId);
    return tenantId === 'tenant-a' ? intentClassifier(MODEL) : undefined;
  }
}

describe('MessageAnalysisService', () => {
  const models = new OneTenantModels();
  const service = new MessageAnalysisService(models);

  it('labels the intent with the tenant’s model when it is confident', async () => {
    const [answer] = await service.analyze('tenant-a', [{ id: 'x', text: 'Where is my order #55812? thanks' }]);
    expect(answer.intent.label).toBe('order_status');
    expect(answer.intent.confidence).toBeGreaterThanOrEqual(MODEL.minConfidence);
    expect(answer.intent.reason).toBeUndefined();
  });

  it('never serves one tenant’s model to another: asks the source for the caller’s tenant only', async () => {
    const [answer] = await service.analyze('tenant-b', [{ text: 'Where is my order #55812? thanks' }]);
    expect(answer.intent).toEqual({ label: 'unknown', confidence: 0, reason: 'no_intent_model' });
    expect(models.asked.at(-1)).toBe('tenant-b');
  });

  it('answers unknown with no_known_words when no word of the text was in training', async () => {
    const [answer] = await service.analyze('tenant-a', [{ text: 'nobody else could' }]);
    expect(answer.intent).toEqual({ label: 'unknown', confidence: 0, reason: 'no_known_words' });
  });

  it('answers unknown with below_confidence and the best probability when the model hesitates', async () => {
    // "the order" appears in several intents' messages (order status, refunds); order_status leads at 0.54.
    const [answer] = await service.analyze('tenant-a', [{ text: 'the order' }]);
    expect(answer.intent).toEqual({ label: 'unknown', confidence: expect.any(Number), reason: 'below_confidence' });
    expect(answer.intent.confidence).toBeLessThan(MODEL.minConfidence);
  });

  it('does not judge the intent of a text it cannot read (not English), whatever the model', async () => {
    const [answer] = await service.analyze('tenant-a', [{ text: 'Wo ist meine Bestellung' }]);
    expect(answer).toMatchObject({
      sentiment: null,
      reason: 'unsupported_language',
      intent: { label: 'unknown', confidence: 0, reason: 'unsupported_language' },
    });
  });
});
