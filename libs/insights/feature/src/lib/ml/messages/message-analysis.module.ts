import { Module } from '@nestjs/common';
import { TenancyModule } from '@pulse/tenancy';
import { NoIntentModelSource, INTENT_MODEL_SOURCE } from './intent-model-source';
import { MessageAnalysisController } from './message-analysis.controller';
import { MessageAnalysisService } from './message-analysis.service';

/** `POST /v1/ml/messages/analyze`: stateless sentiment and intent of message texts. */
@Module({
  imports: [TenancyModule],
  controllers: [MessageAnalysisController],
  // TODO(ML data access): provide the tenant's current intent model from the stored model versions.
  providers: [MessageAnalysisService, { provide: INTENT_MODEL_SOURCE, useClass: NoIntentModelSource }],
  exports: [MessageAnalysisService],
})
export class MessageAnalysisModule {}
