import { Module } from '@nestjs/common';
import { TenancyModule } from '@pulse/tenancy';
import { MetricQueryService } from '../query/metric-query.service';
import { AnomaliesController } from './anomalies/anomalies.controller';
import { AnomalyDetectionService } from './anomalies/anomaly-detection.service';
import { ForecastController } from './forecast/forecast.controller';
import { ForecastService } from './forecast/forecast.service';
import { MetricSeriesService } from './series/metric-series.service';

/** `POST/GET /v1/ml/anomalies` and `POST /v1/ml/forecast`: time-series models over the metric query engine. */
@Module({
  imports: [TenancyModule],
  controllers: [AnomaliesController, ForecastController],
  providers: [MetricQueryService, MetricSeriesService, AnomalyDetectionService, ForecastService],
})
export class TimeSeriesMlModule {}
