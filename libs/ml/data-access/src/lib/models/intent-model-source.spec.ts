import { intentModelToJson, syntheticIntentMessages, trainIntentClassifier } from '@pulse/analytics-core';
import { QueryFailedError } from 'typeorm';
import type { StoredModelVersion } from './model-version';
import { INTENT_MODEL_CACHE_TTL_MS, StoredIntentModelSource } from './intent-model-source';

const MODEL = intentModelToJson(trainIntentClassifier(syntheticIntentMessages({ seed: 3, perIntent: 20 })));

/** A model store where tenant A has a current intent version; counts reads. */
function store() {
  const reads: Array<[string, string]> = [];
  return {
    reads,
    current: async (tenantId: string, kind: string): Promise<StoredModelVersion | null> => {
      reads.push([tenantId, kind]);
      return tenantId === 'a' ? ({ version: 1, model: MODEL } as StoredModelVersion) : null;
    },
  };
}

describe('StoredIntentModelSource', () => {
  it('serves the tenant’s own current intent version, and none to a tenant without one', async () => {
    const models = store();
    const source = new StoredIntentModelSource(models);
    expect((await source.currentClassifier('a'))?.predict('where is my order #10293').label).toBe('order_status');
    expect(await source.currentClassifier('b')).toBeUndefined();
    expect(models.reads).toEqual([
      ['a', 'intent'],
      ['b', 'intent'],
    ]);
  });

  it('reads a tenant again only after the cache time or when told to forget it', async () => {
    const models = store();
    let now = 0;
    const source = new StoredIntentModelSource(models, () => now);
    const first = await source.currentClassifier('a');
    now = INTENT_MODEL_CACHE_TTL_MS - 1;
    expect(await source.currentClassifier('a')).toBe(first);
    expect(models.reads).toHaveLength(1);
    now = INTENT_MODEL_CACHE_TTL_MS;
    await source.currentClassifier('a');
    expect(models.reads).toHaveLength(2);
    source.forget('a');
    await source.currentClassifier('a');
    expect(models.reads).toHaveLength(3);
  });

  it('answers no model when the store has no model_versions table yet, and throws any other failure', async () => {
    const failing = (code: string) => ({
      current: async () => {
        throw new QueryFailedError('SELECT', [], Object.assign(new Error(`failed with ${code}`), { code }));
      },
    });
    expect(await new StoredIntentModelSource(failing('42P01')).currentClassifier('a')).toBeUndefined();
    await expect(new StoredIntentModelSource(failing('08006')).currentClassifier('a')).rejects.toThrow('failed with 08006');
  });
});
