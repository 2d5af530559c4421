import { Module } from '@nestjs/common';
import { PLATFORM_SETTINGS } from '@pulse/platform';
import { LiveStateModule } from '@pulse/realtime';
import { StorageRepositoriesModule } from '@pulse/storage';
import { TENANCY_SETTINGS, TenancyModule } from '@pulse/tenancy';
import { TenantAdminController } from './admin/tenant-admin.controller';
import { TenantRetentionController } from './admin/tenant-retention.controller';
import { UserErasureController } from './admin/user-erasure.controller';
import { AdminAuditController } from './audit/admin-audit.controller';
import { TenantAuditController } from './audit/tenant-audit.controller';
import { UserErasureService } from './admin/user-erasure.service';
import { IngestionBodyReader } from './body/ingestion-body-reader';
import { DataQualityController } from './data-quality/data-quality.controller';
import { DataQualityService } from './data-quality/data-quality.service';
import { NativeEventsController } from './http/native-events.controller';
import { PostHogBundle } from './http/posthog-bundle';
import { PostHogCompatController } from './http/posthog-compat.controller';
import { PostHogSdkController } from './http/posthog-sdk.controller';
import { SegmentCompatController } from './http/segment-compat.controller';
import { SegmentSettingsController } from './http/segment-settings.controller';
import { INGESTION_CLOCK, SYSTEM_INGESTION_CLOCK } from './ingestion-clock';
import { IngestionService } from './ingestion.service';
import { INGESTION_LIMITS, loadIngestionLimits } from './limits/ingestion-limits';
import { TENANT_RATE_LIMITER_PROVIDER } from './limits/tenant-rate-limiter.provider';
import { IngestionMetrics } from './metrics/ingestion-metrics';
import { RawEventPublisher } from './publishing/raw-event-publisher';
import { TenantSchemaSettingsService } from './schema/tenant-schema-settings.service';

/** The ingestion service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [TenancyModule, StorageRepositoriesModule, LiveStateModule],
  controllers: [
    NativeEventsController,
    SegmentCompatController,
    PostHogCompatController,
    PostHogSdkController,
    SegmentSettingsController,
    TenantAdminController,
    TenantRetentionController,
    UserErasureController,
    AdminAuditController,
    TenantAuditController,
    DataQualityController,
  ],
  providers: [
    { provide: INGESTION_LIMITS, useFactory: () => loadIngestionLimits() },
    { provide: INGESTION_CLOCK, useValue: SYSTEM_INGESTION_CLOCK },
    // AdminTokenGuard reads the admin token from here (tenancy cannot depend on the platform).
    { provide: TENANCY_SETTINGS, useExisting: PLATFORM_SETTINGS },
    IngestionMetrics,
    TENANT_RATE_LIMITER_PROVIDER,
    IngestionBodyReader,
    PostHogBundle,
    RawEventPublisher,
    TenantSchemaSettingsService,
    IngestionService,
    DataQualityService,
    UserErasureService,
  ],
})
export class IngestionModule {}
