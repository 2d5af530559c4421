import type { ServiceDefinition } from '@pulse/platform';
import { REPORTING_STORE_SCHEMA } from '@pulse/reporting-data-access';
import { ReportingModule } from './reporting.module';

export const REPORTING_SERVICE: ServiceDefinition = {
  name: 'reporting',
  title: 'Reporting',
  description:
    'Report definitions (a template per type), generated in the background to CSV or JSON files; schedules delivered by email and signed webhook; exports.',
  featureModule: ReportingModule,
  dependencies: ['store'],
  // Reports, their runs (the generation queue), schedules and deliveries: the reporting service's own tables.
  storeSchema: REPORTING_STORE_SCHEMA,
};
