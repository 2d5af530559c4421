import { ML_STORE_SCHEMA } from '@pulse/ml-data-access';
import { INSIGHTS_SERVICE } from './insights.service-definition';

describe('insights service definition', () => {
  it('is ready only when what it uses answers: the store, the live state and the bus its alert handlers consume', () => {
    expect([...INSIGHTS_SERVICE.dependencies].sort()).toEqual(['bus', 'cache', 'store']);
    expect(INSIGHTS_SERVICE.consumesEvents).toBe(true);
  });

  it('brings its own tables (alert rules, notifications, model versions) wherever its store is opened', () => {
    expect(INSIGHTS_SERVICE.storeSchema).toBe(ML_STORE_SCHEMA);
  });

  it('runs under its own service name, which picks its port and metrics label', () => {
    expect(INSIGHTS_SERVICE.name).toBe('insights');
  });
});
