import type { ServiceDefinition } from '@pulse/platform';
import { DashboardsModule } from './dashboards.module';

export const DASHBOARDS_SERVICE: ServiceDefinition = {
  name: 'dashboards',
  title: 'Dashboards',
  description: 'Dashboards and widgets, live overview pushed to the browser, and the web UI.',
  featureModule: DashboardsModule,
  dependencies: ['store', 'cache'],
};
