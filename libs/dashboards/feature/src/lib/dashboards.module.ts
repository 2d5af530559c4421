import { Module } from '@nestjs/common';
import { DashboardsRepositoriesModule } from '@pulse/dashboards-data-access';
import { LiveStateModule } from '@pulse/realtime';
import { analyticalSqlExecutor, ConversationAnalyticsQueries, DATA_SOURCE, FunnelQuery, MetricQueryExecutor, RetentionQuery } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { DashboardDataController } from './data/dashboard-data.controller';
import { DashboardDataService } from './data/dashboard-data.service';
import { MetricQueryRunner } from './data/metric-query-runner';
import { WidgetDataReader } from './data/widget-data-reader';
import { DASHBOARDS_CLOCK } from './dashboards/dashboards-clock';
import { DashboardsController } from './dashboards/dashboards.controller';
import { DashboardsService } from './dashboards/dashboards.service';
import { DashboardLiveController } from './live/dashboard-live.controller';
import { LiveStateNotices } from './live/live-state-notices';
import { LiveStreams } from './live/live-streams';
import { WebUiModule } from './web-ui/web-ui.module';
import { WidgetsController } from './widgets/widgets.controller';
import { WidgetsService } from './widgets/widgets.service';

/** The dashboards service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [TenancyModule, DashboardsRepositoriesModule, LiveStateModule, WebUiModule],
  controllers: [DashboardsController, WidgetsController, DashboardDataController, DashboardLiveController],
  providers: [
    { provide: DASHBOARDS_CLOCK, useValue: () => new Date() },
    DashboardsService,
    WidgetsService,
    DashboardDataService,
    WidgetDataReader,
    // Widgets read as the insights routes do: weekly uniques and percentiles get a transaction with room to sort.
    {
      provide: MetricQueryRunner,
      useFactory: (dataSource: DataSource) => new MetricQueryRunner(new MetricQueryExecutor(analyticalSqlExecutor(dataSource))),
      inject: [DATA_SOURCE],
    },
    { provide: FunnelQuery, useFactory: (dataSource: DataSource) => new FunnelQuery(analyticalSqlExecutor(dataSource)), inject: [DATA_SOURCE] },
    { provide: RetentionQuery, useFactory: (dataSource: DataSource) => new RetentionQuery(analyticalSqlExecutor(dataSource)), inject: [DATA_SOURCE] },
    { provide: ConversationAnalyticsQueries, useFactory: (dataSource: DataSource) => new ConversationAnalyticsQueries(dataSource), inject: [DATA_SOURCE] },
    LiveStateNotices,
    LiveStreams,
  ],
  exports: [DashboardsService],
})
export class DashboardsModule {}
