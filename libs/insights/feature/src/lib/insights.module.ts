import { Module } from '@nestjs/common';
import { BehaviourModule } from './behaviour/behaviour.module';
import { DomainAnalyticsModule } from './domains/domain-analytics.module';
import { InsightReportsModule } from './insight-reports/insight-reports.module';
import { MessageAnalysisModule } from './ml/messages/message-analysis.module';
import { TimeSeriesMlModule } from './ml/time-series-ml.module';
import { RealtimeModule } from './realtime/realtime.module';
import { MetricQueryModule } from './query/metric-query.module';
import { PredictionModelsModule } from './ml/prediction-models.module';
import { AlertsModule } from './alerts/alerts.module';

/** The insights service's controllers and providers; the app and the embedded start both import it. */
@Module({
  // One module a line, so parallel work adding modules merges cleanly.
  imports: [
    RealtimeModule,
    DomainAnalyticsModule,
    BehaviourModule,
    MetricQueryModule,
    InsightReportsModule,
    MessageAnalysisModule,
    PredictionModelsModule,
    TimeSeriesMlModule,
    AlertsModule,
  ],
})
export class InsightsModule {}
