import { Module } from '@nestjs/common';
import { StorageRepositoriesModule } from '@pulse/storage';
import { ChurnModule } from './churn/churn.module';
import { IntentModule } from './intent/intent.module';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { MlTrainingModule } from './training/ml-training.module';
import { NightlyTraining } from './training/nightly-training.service';

/** Churn, satisfaction and message intent models per tenant (issue 11): their routes and their nightly retraining. */
@Module({
  imports: [ChurnModule, SatisfactionModule, IntentModule, MlTrainingModule, StorageRepositoriesModule],
  providers: [NightlyTraining],
})
export class PredictionModelsModule {}
