import { Module } from '@nestjs/common';
import { ReportingRepositoriesModule } from '@pulse/reporting-data-access';
import { analyticalSqlExecutor, DATA_SOURCE, MetricQueryExecutor, StorageRepositoriesModule } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { DirectoryFileStore } from '../files/directory-file-store';
import { REPORT_FILE_STORE } from '../files/report-file-store';
import { loadReportsDirectory } from '../files/reporting-files-config';
import { DEFAULT_REPORT_GENERATION_OPTIONS, REPORT_GENERATION_OPTIONS } from '../generation/report-generation-options';
import { ReportGenerationWorker } from '../generation/report-generation-worker';
import { ReportGenerator } from '../generation/report-generator';
import { ReportSectionReader } from '../generation/report-section-reader';
import { ReportRunsController } from '../runs/report-runs.controller';
import { ReportRunsService } from '../runs/report-runs.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Report definitions, their runs and the background worker that generates them into the file store. */
@Module({
  imports: [TenancyModule, StorageRepositoriesModule, ReportingRepositoriesModule],
  controllers: [ReportsController, ReportRunsController],
  providers: [
    ReportsService,
    ReportRunsService,
    ReportGenerator,
    ReportGenerationWorker,
    { provide: REPORT_GENERATION_OPTIONS, useValue: DEFAULT_REPORT_GENERATION_OPTIONS },
    // Sections read many rows for weekly uniques and percentiles: one transaction each with room to sort in memory, as /v1/query does.
    {
      provide: ReportSectionReader,
      useFactory: (dataSource: DataSource) => new ReportSectionReader(new MetricQueryExecutor(analyticalSqlExecutor(dataSource))),
      inject: [DATA_SOURCE],
    },
    { provide: REPORT_FILE_STORE, useFactory: () => new DirectoryFileStore(loadReportsDirectory()) },
  ],
})
export class ReportsModule {}
