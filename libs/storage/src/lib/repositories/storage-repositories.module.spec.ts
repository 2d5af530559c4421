import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../connection/store';
import { EventRepository } from './event.repository';
import { StorageRepositoriesModule } from './storage-repositories.module';
import { TenantRepository } from './tenant.repository';

// Stands in for the application's global registration of the opened store's DataSource.
const dataSource = {} as DataSource;

@Global()
@Module({
  providers: [{ provide: DATA_SOURCE, useValue: dataSource }],
  exports: [DATA_SOURCE],
})
class GlobalDataSourceModule {}

describe('StorageRepositoriesModule', () => {
  it('provides both repositories over the globally registered DATA_SOURCE', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [GlobalDataSourceModule, StorageRepositoriesModule],
    }).compile();

    expect(moduleRef.get(TenantRepository)).toBeInstanceOf(TenantRepository);
    expect(moduleRef.get(EventRepository)).toBeInstanceOf(EventRepository);
    await moduleRef.close();
  });
});
