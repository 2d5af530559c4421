import { Body, Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Put, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { KEEP_EVERYTHING, type RetentionPolicy } from '@pulse/analytics-core';
import { requestValidationPipe } from '@pulse/observability';
import { DATA_SOURCE, TenantRepository, TenantRetentionRepository } from '@pulse/storage';
import { AdminAuditService, AdminIdentity, AdminTokenGuard, AUDIT_ACTIONS } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { TenantRetentionDto } from './tenant-retention.dto';

/**
 * A tenant's data retention windows. The stream processor's sweep enforces them (hourly by default); queries
 * over a range the windows have expired answer 400 `dataExpired` on `from`.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/tenants/:id/retention')
@UseGuards(AdminTokenGuard)
@UsePipes(requestValidationPipe())
export class TenantRetentionController {
  private readonly policies: TenantRetentionRepository;
  private readonly tenants: TenantRepository;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly audit: AdminAuditService,
  ) {
    this.policies = new TenantRetentionRepository(dataSource);
    this.tenants = new TenantRepository(dataSource);
  }

  @Get()
  @ApiOperation({ summary: "The tenant's retention windows in days (null: kept forever)" })
  @ApiOkResponse({ type: TenantRetentionDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<RetentionPolicy> {
    const policy = await this.policies.find(id);
    if (policy) return policy;
    // No row: a tenant that keeps everything, or no tenant at all.
    if (!(await this.tenants.findById(id))) throw notFound(id);
    return KEEP_EVERYTHING;
  }

  @Put()
  @ApiOperation({ summary: "Replace the tenant's retention windows (absent or null: kept forever)" })
  @ApiOkResponse({ type: TenantRetentionDto })
  async replace(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: TenantRetentionDto,
    @AdminIdentity() actor: string,
  ): Promise<RetentionPolicy> {
    const rollups = body.rollupDays ?? {};
    const policy: RetentionPolicy = {
      rawEventsDays: body.rawEventsDays ?? null,
      rollupDays: {
        minute: rollups.minute ?? null,
        hour: rollups.hour ?? null,
        day: rollups.day ?? null,
        week: rollups.week ?? null,
        month: rollups.month ?? null,
      },
    };
    if (!(await this.policies.replace(id, policy))) throw notFound(id);
    await this.audit.record({ actor, action: AUDIT_ACTIONS.retentionUpdate, tenantId: id, subject: null, details: { ...policy } });
    return policy;
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `no tenant with id ${id}` });
}
