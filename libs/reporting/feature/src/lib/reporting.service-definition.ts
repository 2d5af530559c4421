import type { ServiceDefinition } from '@pulse/platform';
import { REPORTING_STORE_SCHEMA } from '@pulse/reporting-data-access';
import { ReportingModule } from './reporting.module';

export const REPORTING_SERVICE: ServiceDefinition = {
  name: 'reporting',
  title: 'Reporting',
  description: 'Report definitions (a template per type), generated in the background to CSV or JSON files; exports.',
  featureModule: ReportingModule,
  dependencies: ['store'],
  // Reports and their runs (the generation queue): the reporting service's own tables.
  storeSchema: REPORTING_STORE_SCHEMA,
};
