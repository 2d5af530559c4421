import { Module } from '@nestjs/common';
import { MlRepositoriesModule } from '@pulse/ml-data-access';
import { analyticalSqlExecutor, DATA_SOURCE } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { MlTrainingModule } from '../training/ml-training.module';
import { ConversationActivityQuery } from './conversation-activity.query';
import { SatisfactionController } from './satisfaction.controller';
import { SatisfactionService } from './satisfaction.service';

/** Satisfaction models per tenant: trained from given scores, served per conversation and as a daily series. */
@Module({
  imports: [TenancyModule, MlRepositoriesModule, MlTrainingModule],
  providers: [
    {
      provide: ConversationActivityQuery,
      useFactory: (dataSource: DataSource) => new ConversationActivityQuery(analyticalSqlExecutor(dataSource)),
      inject: [DATA_SOURCE],
    },
    SatisfactionService,
  ],
  controllers: [SatisfactionController],
  exports: [SatisfactionService],
})
export class SatisfactionModule {}
