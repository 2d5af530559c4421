import { Module } from '@nestjs/common';
import { DATA_SOURCE, StorageRepositoriesModule, TenantKeyRepository, TenantRepository } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { AdminAuditService } from './admin/admin-audit.service';
import { TenantAdminService } from './admin/tenant-admin.service';
import { StoredTenantKeyLookup } from './auth/stored-tenant-key-lookup';
import { TenantAuthService } from './auth/tenant-auth.service';
import { TenantKeyChanges } from './auth/tenant-key-changes';
import { SecretKeyGuard } from './guards/secret-key.guard';
import { WriteKeyGuard } from './guards/write-key.guard';

/**
 * Key authentication and tenant administration over the application's `DATA_SOURCE`; key changes reach the
 * application's other processes over `CACHE_STORE`'s pub/sub.
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
    TenantKeyChanges,
    AdminAuditService,
    TenantAdminService,
    WriteKeyGuard,
    SecretKeyGuard,
  ],
  exports: [TenantAuthService, TenantKeyChanges, AdminAuditService, TenantAdminService, WriteKeyGuard, SecretKeyGuard],
})
export class TenancyModule {}
