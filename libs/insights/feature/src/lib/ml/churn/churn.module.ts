import { Module } from '@nestjs/common';
import { MlRepositoriesModule } from '@pulse/ml-data-access';
import { analyticalSqlExecutor, DATA_SOURCE } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { MlTrainingModule } from '../training/ml-training.module';
import { AtRiskRankings } from './at-risk-rankings';
import { ChurnController } from './churn.controller';
import { ChurnService } from './churn.service';
import { PersonActivityQuery } from './person-activity.query';

/** Churn models per tenant: training on demand, scoring one person or everyone active. */
@Module({
  imports: [TenancyModule, MlRepositoriesModule, MlTrainingModule],
  providers: [
    { provide: PersonActivityQuery, useFactory: (dataSource: DataSource) => new PersonActivityQuery(analyticalSqlExecutor(dataSource)), inject: [DATA_SOURCE] },
    AtRiskRankings,
    ChurnService,
  ],
  controllers: [ChurnController],
  exports: [ChurnService],
})
export class ChurnModule {}
