import { ML_STORE_SCHEMA } from '@pulse/ml-data-access';
import type { ServiceDefinition } from '@pulse/platform';
import { loadInsightsMaxBodyBytes } from './http/insights-body-limit';
import { InsightsModule } from './insights.module';

export const INSIGHTS_SERVICE: ServiceDefinition = {
  name: 'insights',
  title: 'Insights',
  description: 'Answers questions: trends, funnels, retention, journeys, conversation and commerce analytics, anomalies and forecasts.',
  featureModule: InsightsModule,
  dependencies: ['bus', 'store', 'cache'],
  // Only the realtime routes (503 meanwhile) and nightly training claims need the cache: the rest answers without it.
  degradedWithout: ['cache'],
  // Alert rules, their notifications and model versions: the insights service's own tables.
  storeSchema: ML_STORE_SCHEMA,
  // The alert detector and the alerting service consume pulse.aggregates.v1 and pulse.anomalies.v1.
  consumesEvents: true,
  // Message batches for analysis run to ~33 MB (see insights-body-limit.ts), far over Express's 100 kB.
  maxJsonBodyBytes: () => loadInsightsMaxBodyBytes(),
};
