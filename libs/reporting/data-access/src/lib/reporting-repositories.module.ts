import { Module } from '@nestjs/common';
import { DATA_SOURCE } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { ReportRepository } from './reports/report.repository';
import { ReportRunRepository } from './runs/report-run.repository';
import { ReportScheduleRepository } from './schedules/report-schedule.repository';
import { ReportDeliveryRepository } from './deliveries/report-delivery.repository';

const repositories = [
  { provide: ReportRepository, useFactory: (dataSource: DataSource) => new ReportRepository(dataSource), inject: [DATA_SOURCE] },
  { provide: ReportRunRepository, useFactory: (dataSource: DataSource) => new ReportRunRepository(dataSource), inject: [DATA_SOURCE] },
  { provide: ReportScheduleRepository, useFactory: (dataSource: DataSource) => new ReportScheduleRepository(dataSource), inject: [DATA_SOURCE] },
  { provide: ReportDeliveryRepository, useFactory: (dataSource: DataSource) => new ReportDeliveryRepository(dataSource), inject: [DATA_SOURCE] },
];

/** The reporting repositories over the application's `DATA_SOURCE` (opened with `REPORTING_STORE_SCHEMA`). */
@Module({ providers: repositories, exports: repositories.map((repository) => repository.provide) })
export class ReportingRepositoriesModule {}
