import { Module } from '@nestjs/common';
import { ReportingRepositoriesModule } from '@pulse/reporting-data-access';
import { analyticalSqlExecutor, DATA_SOURCE, StorageRepositoriesModule } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { ReportDeliverer } from '../delivery/report-deliverer';
import { ReportDeliveriesController } from '../delivery/report-deliveries.controller';
import { ReportDeliveriesService } from '../delivery/report-deliveries.service';
import { REPORT_MAILER, SmtpReportMailer } from '../delivery/report-mailer';
import { loadReportingMailConfig } from '../delivery/reporting-mail-config';
import { REPORT_FILE_STORE } from '../files/report-file-store';
import { reportFileStoreFromEnvironment } from '../files/report-file-store-factory';
import { DEFAULT_REPORT_GENERATION_OPTIONS, REPORT_GENERATION_OPTIONS } from '../generation/report-generation-options';
import { ReportGenerationWorker } from '../generation/report-generation-worker';
import { ReportGenerator } from '../generation/report-generator';
import { ReportSectionReader, reportSectionReader } from '../generation/report-section-reader';
import { ReportRunsController } from '../runs/report-runs.controller';
import { ReportRunsService } from '../runs/report-runs.service';
import { ReportRetention } from '../schedules/report-retention';
import { ReportScheduler } from '../schedules/report-scheduler';
import { loadReportSchedulingOptions, REPORT_SCHEDULING_OPTIONS, type ReportSchedulingOptions } from '../schedules/report-scheduling-options';
import { ReportSchedulesController } from '../schedules/report-schedules.controller';
import { ReportSchedulesService } from '../schedules/report-schedules.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ReportingMetrics } from '../reporting-metrics';

/**
 * Report definitions, their runs, the background worker that generates them into the file store, and
 * their schedules: the loop that fires them and delivers the finished runs by email and webhook.
 */
@Module({
  imports: [TenancyModule, StorageRepositoriesModule, ReportingRepositoriesModule],
  controllers: [ReportsController, ReportRunsController, ReportSchedulesController, ReportDeliveriesController],
  providers: [
    ReportsService,
    ReportRunsService,
    ReportGenerator,
    ReportGenerationWorker,
    ReportSchedulesService,
    ReportScheduler,
    ReportDeliverer,
    ReportDeliveriesService,
    ReportingMetrics,
    ReportRetention,
    { provide: REPORT_SCHEDULING_OPTIONS, useFactory: () => loadReportSchedulingOptions() },
    {
      provide: REPORT_MAILER,
      useFactory: (options: ReportSchedulingOptions) => new SmtpReportMailer(loadReportingMailConfig(), options.delivery.timeoutMs),
      inject: [REPORT_SCHEDULING_OPTIONS],
    },
    { provide: REPORT_GENERATION_OPTIONS, useValue: DEFAULT_REPORT_GENERATION_OPTIONS },
    // Sections read many rows for weekly uniques and percentiles: one transaction each with room to sort in memory, as /v1/query does.
    {
      provide: ReportSectionReader,
      useFactory: (dataSource: DataSource) => reportSectionReader(analyticalSqlExecutor(dataSource)),
      inject: [DATA_SOURCE],
    },
    { provide: REPORT_FILE_STORE, useFactory: () => reportFileStoreFromEnvironment() },
  ],
})
export class ReportsModule {}
