import { ML_STORE_SCHEMA } from '@pulse/ml-data-access';
import type { ServiceDefinition } from '@pulse/platform';
import { InsightsModule } from './insights.module';

export const INSIGHTS_SERVICE: ServiceDefinition = {
  name: 'insights',
  title: 'Insights',
  description: 'Answers questions: trends, funnels, retention, journeys, conversation and commerce analytics, anomalies and forecasts.',
  featureModule: InsightsModule,
  dependencies: ['store', 'cache'],
  // Model versions, alert rules and notifications (libs/ml/data-access), migrated wherever the store is opened.
  storeSchema: ML_STORE_SCHEMA,
};
