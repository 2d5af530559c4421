import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminAuditService, AdminTokenGuard } from '@pulse/tenancy';
import { ErrorResponse } from '../http/ingestion-responses';
import { AdminAuditResponse } from './audit.dto';
import { auditPageOf, auditQueryOf, MAX_AUDIT_PAGE, type AuditQueryParameters } from './audit-query';

/** The audit log of every tenant, for operators holding the admin token. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing or wrong admin token' })
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'No admin token configured (ADMIN_TOKEN)' })
@Controller('v1/admin/audit')
@UseGuards(AdminTokenGuard)
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  @Get()
  @ApiOperation({
    summary:
      'The audit log, newest first: tenants created and changed, keys issued, rotated and revoked, retention and property mappings changed, users erased, exports and report downloads; who (the admin credential or the tenant key id), what, when',
  })
  @ApiQuery({ name: 'tenantId', required: false })
  @ApiQuery({ name: 'action', required: false, example: 'secret-key.revoke' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO-8601 instant: entries at or after it' })
  @ApiQuery({ name: 'until', required: false, description: 'ISO-8601 instant: entries before it' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `1 to ${MAX_AUDIT_PAGE}, default 100` })
  @ApiQuery({ name: 'beforeId', required: false, description: "The previous page's nextBeforeId" })
  @ApiOkResponse({ type: AdminAuditResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  async list(@Query() parameters: AuditQueryParameters): Promise<AdminAuditResponse> {
    const query = auditQueryOf(parameters);
    return auditPageOf(await this.audit.list(query), query);
  }
}
