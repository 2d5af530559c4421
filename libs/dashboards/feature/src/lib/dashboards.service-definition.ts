import { DASHBOARDS_STORE_SCHEMA } from '@pulse/dashboards-data-access';
import type { ServiceDefinition } from '@pulse/platform';
import { DashboardsModule } from './dashboards.module';

export const DASHBOARDS_SERVICE: ServiceDefinition = {
  name: 'dashboards',
  title: 'Dashboards',
  description: 'Dashboards and widgets (five prebuilt per tenant), all widgets’ data in one call, live figures pushed over Server-Sent Events.',
  featureModule: DashboardsModule,
  // The bus brings the stream processor's live state notices; the cache holds the live state itself.
  dependencies: ['bus', 'store', 'cache'],
  // Only live figures (503 meanwhile) need the cache: dashboards and their stored data answer without it.
  degradedWithout: ['cache'],
  // Dashboards, their widgets and the tenants given the prebuilt ones: the dashboards service's own tables.
  storeSchema: DASHBOARDS_STORE_SCHEMA,
};
