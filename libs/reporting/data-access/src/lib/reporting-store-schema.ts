import type { StoreSchema } from '@pulse/storage';
import { CreateReports1765100000000 } from './migrations/1765100000000-create-reports';
import { CreateReportRuns1765100000001 } from './migrations/1765100000001-create-report-runs';
import { CreateReportSchedules1765100000010 } from './migrations/1765100000010-create-report-schedules';
import { CreateReportDeliveries1765100000011 } from './migrations/1765100000011-create-report-deliveries';
import { ReportDeliveryEntity } from './deliveries/report-delivery.entity';
import { ReportEntity } from './reports/report.entity';
import { ReportRunEntity } from './runs/report-run.entity';
import { ReportScheduleEntity } from './schedules/report-schedule.entity';

/**
 * The reporting service's tables: registered wherever a store the reporting service uses is opened
 * (the service definition carries it). Oldest first; new migrations at the end with a timestamp no
 * other service uses.
 */
export const REPORTING_STORE_SCHEMA = {
  migrations: [CreateReports1765100000000, CreateReportRuns1765100000001, CreateReportSchedules1765100000010, CreateReportDeliveries1765100000011],
  entities: [ReportEntity, ReportRunEntity, ReportScheduleEntity, ReportDeliveryEntity],
} satisfies StoreSchema;
