import { Module } from '@nestjs/common';
import { DATA_SOURCE } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { DashboardRepository } from './dashboards/dashboard.repository';
import { DashboardWidgetRepository } from './widgets/dashboard-widget.repository';

const repositories = [
  { provide: DashboardRepository, useFactory: (dataSource: DataSource) => new DashboardRepository(dataSource), inject: [DATA_SOURCE] },
  { provide: DashboardWidgetRepository, useFactory: (dataSource: DataSource) => new DashboardWidgetRepository(dataSource), inject: [DATA_SOURCE] },
];

/** The dashboards repositories over the application's `DATA_SOURCE` (opened with `DASHBOARDS_STORE_SCHEMA`). */
@Module({ providers: repositories, exports: repositories.map((repository) => repository.provide) })
export class DashboardsRepositoriesModule {}
