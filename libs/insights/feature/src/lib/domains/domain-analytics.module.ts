import { Module } from '@nestjs/common';
import {
  CommerceAnalyticsQueries,
  SkippedValuesQueries,
  ContentAnalyticsQueries,
  ConversationAnalyticsQueries,
  DATA_SOURCE,
  ImportJobQueries,
  ModelUsageQueries,
  SystemEndpointQueries,
  type SqlExecutor,
} from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import { CommerceAnalyticsController } from './commerce/commerce-analytics.controller';
import { CommerceAnalyticsService } from './commerce/commerce-analytics.service';
import { ContentAnalyticsController } from './content/content-analytics.controller';
import { ContentAnalyticsService } from './content/content-analytics.service';
import { ConversationAnalyticsController } from './conversations/conversation-analytics.controller';
import { ConversationAnalyticsService } from './conversations/conversation-analytics.service';
import { ImportJobsController } from './imports/import-jobs.controller';
import { ImportJobsService } from './imports/import-jobs.service';
import { ModelUsageController } from './models/model-usage.controller';
import { ModelUsageService } from './models/model-usage.service';
import { SystemEndpointsController } from './system/system-endpoints.controller';
import { SystemEndpointsService } from './system/system-endpoints.service';

/** The query classes over the application's data source (one per domain). */
const QUERY_PROVIDERS = [ConversationAnalyticsQueries, CommerceAnalyticsQueries, SkippedValuesQueries, ModelUsageQueries, ImportJobQueries, ContentAnalyticsQueries, SystemEndpointQueries].map((queries) => ({
  provide: queries,
  useFactory: (dataSource: SqlExecutor) => new queries(dataSource),
  inject: [DATA_SOURCE],
}));

/** The specified domain analytics (conversations, commerce, model usage, import jobs, content, system endpoints), scoped by secret key. */
@Module({
  imports: [TenancyModule],
  controllers: [ConversationAnalyticsController, CommerceAnalyticsController, ModelUsageController, ImportJobsController, ContentAnalyticsController, SystemEndpointsController],
  providers: [...QUERY_PROVIDERS, ConversationAnalyticsService, CommerceAnalyticsService, ModelUsageService, ImportJobsService, ContentAnalyticsService, SystemEndpointsService],
})
export class DomainAnalyticsModule {}
