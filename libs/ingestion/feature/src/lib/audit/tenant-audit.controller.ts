import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminAuditService, CurrentTenant, RequireScope, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { badRequest, ErrorResponse } from '../http/ingestion-responses';
import { AdminAuditResponse } from './audit.dto';
import { auditPageOf, auditQueryOf, MAX_AUDIT_PAGE, type AuditQueryParameters } from './audit-query';

/**
 * A tenant's own audit log: who changed its keys and settings, erased its users, exported its data. Only with a
 * manage key: the log names keys and erased user ids, more than a read-only dashboard key needs to see.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing or invalid secret key' })
@Controller('v1/audit')
@UseGuards(SecretKeyGuard)
@RequireScope('manage')
export class TenantAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  @Get()
  @ApiOperation({ summary: "The tenant's own audit log, newest first (GET /v1/admin/audit restricted to this tenant)" })
  @ApiQuery({ name: 'action', required: false, example: 'data.export' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO-8601 instant: entries at or after it' })
  @ApiQuery({ name: 'until', required: false, description: 'ISO-8601 instant: entries before it' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `1 to ${MAX_AUDIT_PAGE}, default 100` })
  @ApiQuery({ name: 'beforeId', required: false, description: "The previous page's nextBeforeId" })
  @ApiOkResponse({ type: AdminAuditResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  async list(@CurrentTenant() tenant: AuthenticatedTenant, @Query() parameters: AuditQueryParameters): Promise<AdminAuditResponse> {
    if (parameters.tenantId !== undefined)
      throw badRequest('tenantId', 'isUnknownField', 'tenantId is not accepted here: the key chooses the tenant');
    const query = { ...auditQueryOf(parameters), tenantId: tenant.id };
    return auditPageOf(await this.audit.list(query), query);
  }
}
