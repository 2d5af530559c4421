import { Module } from '@nestjs/common';
import { TenancyModule } from '@pulse/tenancy';
import { MetricQueryController } from './metric-query.controller';
import { MetricQueryService } from './metric-query.service';

/** `POST /v1/query`: the metric query engine over rollups and raw events. */
@Module({
  imports: [TenancyModule],
  controllers: [MetricQueryController],
  providers: [MetricQueryService],
  // The alert detector reads its rules' metrics through the same engine.
  exports: [MetricQueryService],
})
export class MetricQueryModule {}
