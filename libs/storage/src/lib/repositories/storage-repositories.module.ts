import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../connection/store';
import { EventRepository } from './event.repository';
import { TenantRepository } from './tenant.repository';

/** Provides the repositories over the `DATA_SOURCE` that the application registers once, globally. */
@Module({
  providers: [
    {
      provide: TenantRepository,
      useFactory: (dataSource: DataSource) => new TenantRepository(dataSource),
      inject: [DATA_SOURCE],
    },
    {
      provide: EventRepository,
      useFactory: (dataSource: DataSource) => new EventRepository(dataSource),
      inject: [DATA_SOURCE],
    },
  ],
  exports: [TenantRepository, EventRepository],
})
export class StorageRepositoriesModule {}
