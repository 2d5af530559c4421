import { Module } from '@nestjs/common';
import { DATA_SOURCE } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { AlertNotificationRepository } from './alerts/alert-notification.repository';
import { AlertRuleRepository } from './alerts/alert-rule.repository';
import { ModelVersionRepository } from './models/model-version.repository';

const repositories = [
  { provide: AlertRuleRepository, useFactory: (dataSource: DataSource) => new AlertRuleRepository(dataSource), inject: [DATA_SOURCE] },
  {
    provide: AlertNotificationRepository,
    useFactory: (dataSource: DataSource) => new AlertNotificationRepository(dataSource),
    inject: [DATA_SOURCE],
  },
  { provide: ModelVersionRepository, useFactory: (dataSource: DataSource) => new ModelVersionRepository(dataSource), inject: [DATA_SOURCE] },
];

/** The ML repositories over the application's `DATA_SOURCE` (whose store must have been opened with `ML_STORE_SCHEMA`). */
@Module({ providers: repositories, exports: repositories.map((repository) => repository.provide) })
export class MlRepositoriesModule {}
