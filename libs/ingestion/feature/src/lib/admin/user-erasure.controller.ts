import { Body, Controller, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import { isUuid } from '@pulse/storage';
import { AdminIdentity, AdminTokenGuard } from '@pulse/tenancy';
import { badRequest, ErrorResponse } from '../http/ingestion-responses';
import { AdminAuditResponse, BulkUserErasureResponse, EraseUsersDto, UserErasureResponse } from './user-erasure.dto';
import { UserErasureService } from './user-erasure.service';

const MAX_AUDIT_PAGE = 1000;

/** GDPR erase of a tenant's users, and the audit log that records each erase. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing or wrong admin token' })
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'No admin token configured (ADMIN_TOKEN)' })
@Controller('v1/admin')
@UseGuards(AdminTokenGuard)
@UsePipes(requestValidationPipe({ transform: false }))
export class UserErasureController {
  constructor(private readonly erasure: UserErasureService) {}

  @Delete('tenants/:id/users/:userId')
  @ApiOperation({
    summary:
      "Erase a user (GDPR): their raw events, identity links and linked anonymous ids, sessions, first-seen, active days, event-time records, rollup user-list entries, conversation customers and quarantined events; person-level report runs regenerated; every rollup and conversation metric corrected; the live state rebuilt. Idempotent; audited; with the tenant's suppressErasedUsers on, later events of the ids are dropped",
  })
  @ApiOkResponse({ type: UserErasureResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async eraseOne(@Param('id') id: string, @Param('userId') userId: string, @AdminIdentity() actor: string): Promise<UserErasureResponse> {
    if (userId.length > 255) throw badRequest('userId', 'length', 'userId must be 1 to 255 characters');
    const answer = found(await this.erasure.erase(id, [userId], actor), id);
    return { tenantId: answer.tenantId, ...answer.results[0], liveState: answer.liveState };
  }

  @Post('tenants/:id/users/erase')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Erase up to 1,000 users, each as DELETE /v1/admin/tenants/:id/users/:userId (one transaction per person), answering per user',
  })
  @ApiOkResponse({ type: BulkUserErasureResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async eraseMany(@Param('id') id: string, @Body() body: EraseUsersDto, @AdminIdentity() actor: string): Promise<BulkUserErasureResponse> {
    return found(await this.erasure.erase(id, [...new Set(body.userIds)], actor), id);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The admin audit log, newest first: each erase with who (the admin credential), what, when and its counts' })
  @ApiQuery({ name: 'tenantId', required: false })
  @ApiQuery({ name: 'action', required: false, example: 'user.erase' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `1 to ${MAX_AUDIT_PAGE}, default 100` })
  @ApiQuery({ name: 'beforeId', required: false, description: "The previous page's nextBeforeId" })
  @ApiOkResponse({ type: AdminAuditResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  async audit(
    @Query('tenantId') tenantId?: string,
    @Query('action') action?: string,
    @Query('limit') limit?: string,
    @Query('beforeId') beforeId?: string,
  ): Promise<AdminAuditResponse> {
    if (tenantId !== undefined && !isUuid(tenantId)) throw badRequest('tenantId', 'isUuid', 'tenantId must be a UUID');
    if (beforeId !== undefined && !/^\d{1,18}$/.test(beforeId)) throw badRequest('beforeId', 'isInt', 'beforeId must be an entry id');
    if (action !== undefined && (action.length === 0 || action.length > 64))
      throw badRequest('action', 'length', 'action must be 1 to 64 characters');
    const pageSize = limitOf(limit);
    const entries = await this.erasure.audit({ tenantId, action, beforeId, limit: pageSize });
    return {
      entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      nextBeforeId: entries.length === pageSize ? entries[entries.length - 1].id : null,
    };
  }
}

function limitOf(value: string | undefined): number {
  if (value === undefined || value === '') return 100;
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw badRequest('limit', 'isIntegerInRange', `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}`);
  }
  return limit;
}

function found<T>(value: T | null, tenantId: string): T {
  if (value === null) throw new NotFoundException({ statusCode: HttpStatus.NOT_FOUND, error: 'Not Found', message: `no tenant with id ${tenantId}` });
  return value;
}
