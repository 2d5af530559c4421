import { Module } from '@nestjs/common';
import { DATA_SOURCE, StorageRepositoriesModule, TenantKeyRepository, TenantRepository } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { TenantAdminService } from './admin/tenant-admin.service';
import { StoredTenantKeyLookup } from './auth/stored-tenant-key-lookup';
import { TenantAuthService } from './auth/tenant-auth.service';
import { SecretKeyGuard } from './guards/secret-key.guard';
import { WriteKeyGuard } from './guards/write-key.guard';

/**
 * Key authentication and tenant administration over the application's `DATA_SOURCE`.
 * Import it, then `@UseGuards(WriteKeyGuard)` or `@UseGuards(SecretKeyGuard)` and `@CurrentTenant()`.
 * `AdminTokenGuard` also needs `TENANCY_SETTINGS` from the importing module (see tenancy-settings.ts).
 */
@Module({
  imports: [StorageRepositoriesModule],
  providers: [
    {
      provide: TenantKeyRepository,
      useFactory: (dataSource: DataSource) => new TenantKeyRepository(dataSource),
      inject: [DATA_SOURCE],
    },
    {
      provide: TenantAuthService,
      useFactory: (tenants: TenantRepository, keys: TenantKeyRepository) =>
        new TenantAuthService(new StoredTenantKeyLookup(tenants, keys)),
      inject: [TenantRepository, TenantKeyRepository],
    },
    TenantAdminService,
    WriteKeyGuard,
    SecretKeyGuard,
  ],
  exports: [TenantAuthService, TenantAdminService, WriteKeyGuard, SecretKeyGuard],
})
export class TenancyModule {}
