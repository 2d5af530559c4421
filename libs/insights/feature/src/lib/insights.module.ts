import { Module } from '@nestjs/common';
import { BehaviourModule } from './behaviour/behaviour.module';
import { DomainAnalyticsModule } from './domains/domain-analytics.module';
import { RealtimeModule } from './realtime/realtime.module';
import { MetricQueryModule } from './query/metric-query.module';
import { AlertsModule } from './alerts/alerts.module';

/** The insights service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [RealtimeModule, DomainAnalyticsModule, BehaviourModule, MetricQueryModule, AlertsModule],
})
export class InsightsModule {}
