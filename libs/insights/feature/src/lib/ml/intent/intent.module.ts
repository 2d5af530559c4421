import { Module } from '@nestjs/common';
import { MlRepositoriesModule } from '@pulse/ml-data-access';
import { analyticalSqlExecutor, DATA_SOURCE } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { MessageAnalysisModule } from '../messages/message-analysis.module';
import { MlTrainingModule } from '../training/ml-training.module';
import { IntentController } from './intent.controller';
import { IntentService } from './intent.service';
import { LabelledMessagesQuery } from './labelled-messages.query';

/** Message intent models per tenant: trained on demand and nightly, served by message analysis and the stream processor. */
@Module({
  imports: [TenancyModule, MlRepositoriesModule, MlTrainingModule, MessageAnalysisModule],
  providers: [
    {
      provide: LabelledMessagesQuery,
      useFactory: (dataSource: DataSource) => new LabelledMessagesQuery(analyticalSqlExecutor(dataSource)),
      inject: [DATA_SOURCE],
    },
    IntentService,
  ],
  controllers: [IntentController],
  exports: [IntentService],
})
export class IntentModule {}
