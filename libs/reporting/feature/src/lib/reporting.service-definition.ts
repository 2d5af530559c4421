import type { ServiceDefinition } from '@pulse/platform';
import { ReportingModule } from './reporting.module';

export const REPORTING_SERVICE: ServiceDefinition = {
  name: 'reporting',
  title: 'Reporting',
  description: 'Report definitions, generation to CSV, JSON, HTML, PDF and Excel, schedules and exports.',
  featureModule: ReportingModule,
  dependencies: ['store'],
};
