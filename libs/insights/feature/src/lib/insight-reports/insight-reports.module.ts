import { Module } from '@nestjs/common';
import {
  ConversationAnalyticsQueries,
  DATA_SOURCE,
  DataQualityCountersRepository,
  LateArrivalsQuery,
  ModelCostQueries,
  SessionsQuery,
  SystemEndpointQueries,
  UserActivityQuery,
  type SqlExecutor,
} from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import { ChurnModule } from '../ml/churn/churn.module';
import { SatisfactionModule } from '../ml/satisfaction/satisfaction.module';
import { TimeSeriesMlModule } from '../ml/time-series-ml.module';
import { InsightReportController } from './insight-report.controller';
import { InsightReportService } from './insight-report.service';

const QUERY_PROVIDERS = [
  ModelCostQueries,
  ConversationAnalyticsQueries,
  SystemEndpointQueries,
  UserActivityQuery,
  SessionsQuery,
  DataQualityCountersRepository,
  LateArrivalsQuery,
].map((queries) => ({
  provide: queries,
  useFactory: (dataSource: SqlExecutor) => new queries(dataSource),
  inject: [DATA_SOURCE],
}));

/** `POST /v1/insights/report`. */
@Module({
  imports: [TenancyModule, TimeSeriesMlModule, ChurnModule, SatisfactionModule],
  controllers: [InsightReportController],
  providers: [...QUERY_PROVIDERS, InsightReportService],
})
export class InsightReportsModule {}
