import { Module } from '@nestjs/common';
import { StorageRepositoriesModule } from '@pulse/storage';
import { ChurnModule } from './churn/churn.module';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { MlTrainingModule } from './training/ml-training.module';
import { NightlyTraining } from './training/nightly-training.service';

/** Churn and satisfaction models per tenant (issue 11): their routes and the nightly retraining of both. */
@Module({
  imports: [ChurnModule, SatisfactionModule, MlTrainingModule, StorageRepositoriesModule],
  providers: [NightlyTraining],
})
export class PredictionModelsModule {}
