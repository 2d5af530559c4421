import { Module } from '@nestjs/common';
import { ModelVersionRepository, StoredIntentModelSource } from '@pulse/ml-data-access';
import { DATA_SOURCE } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { INTENT_MODEL_SOURCE } from './intent-model-source';
import { MessageAnalysisController } from './message-analysis.controller';
import { MessageAnalysisService } from './message-analysis.service';

/** `POST /v1/ml/messages/analyze`: sentiment and intent (the tenant's current intent model) of message texts. */
@Module({
  imports: [TenancyModule],
  controllers: [MessageAnalysisController],
  providers: [
    MessageAnalysisService,
    {
      provide: INTENT_MODEL_SOURCE,
      useFactory: (dataSource: DataSource) => new StoredIntentModelSource(new ModelVersionRepository(dataSource)),
      inject: [DATA_SOURCE],
    },
  ],
  exports: [MessageAnalysisService, INTENT_MODEL_SOURCE],
})
export class MessageAnalysisModule {}
