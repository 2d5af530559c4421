import { Module } from '@nestjs/common';
import {
  ConversationAnalyticsQueries,
  DATA_SOURCE,
  ModelCostQueries,
  SystemEndpointQueries,
  type SqlExecutor,
} from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import { InsightReportController } from './insight-report.controller';
import { InsightReportService } from './insight-report.service';

const QUERY_PROVIDERS = [
  ModelCostQueries,
  ConversationAnalyticsQueries,
  SystemEndpointQueries,
].map((queries) => ({
  provide: queries,
  useFactory: (dataSource: SqlExecutor) => new queries(dataSource),
  inject: [DATA_SOURCE],
}));

/** `POST /v1/insights/report`. */
@Module({
  imports: [TenancyModule],
  controllers: [InsightReportController],
  providers: [...QUERY_PROVIDERS, InsightReportService],
})
export class InsightReportsModule {}
