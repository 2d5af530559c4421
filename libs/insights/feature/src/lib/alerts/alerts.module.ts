import { Module } from '@nestjs/common';
import { MESSAGE_BUS_TRANSPORT_OPTIONS } from '@pulse/messaging';
import { MlRepositoriesModule } from '@pulse/ml-data-access';
import { TenancyModule } from '@pulse/tenancy';
import { MetricSeriesService } from '../ml/series/metric-series.service';
import { MetricQueryModule } from '../query/metric-query.module';
import { AlertDetector } from './alert-detector';
import { AlertMetrics } from './alert-metrics';
import { AlertNotifier } from './alert-notifier';
import { AlertRulesController } from './alert-rules.controller';
import { AlertRulesService } from './alert-rules.service';
import { AlertSignalsController } from './alert-signals.controller';
import { AlertTenants } from './alert-tenants';
import { ALERTS_CLOCK } from './alerts-clock';
import { ALERTS_OPTIONS, alertsTransportOptions, DEFAULT_ALERTS_OPTIONS, type AlertsOptions } from './alerts-options';
import { WebhookDeliverer } from './webhook-deliverer';

/** Alert rules (`/v1/alerts`), the streaming detector and the alerting service with its webhook deliveries. */
@Module({
  imports: [TenancyModule, MlRepositoriesModule, MetricQueryModule],
  controllers: [AlertRulesController, AlertSignalsController],
  providers: [
    { provide: ALERTS_OPTIONS, useValue: DEFAULT_ALERTS_OPTIONS },
    { provide: MESSAGE_BUS_TRANSPORT_OPTIONS, useFactory: (options: AlertsOptions) => alertsTransportOptions(options), inject: [ALERTS_OPTIONS] },
    { provide: ALERTS_CLOCK, useValue: () => Date.now() },
    // Anomaly rules read their history in chunks, as the anomaly scan API does.
    MetricSeriesService,
    AlertMetrics,
    AlertTenants,
    AlertRulesService,
    AlertDetector,
    AlertNotifier,
    WebhookDeliverer,
  ],
})
export class AlertsModule {}
