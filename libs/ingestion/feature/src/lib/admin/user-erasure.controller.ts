import { Body, Controller, Delete, HttpCode, HttpStatus, NotFoundException, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import { AdminIdentity, AdminTokenGuard } from '@pulse/tenancy';
import { badRequest, ErrorResponse } from '../http/ingestion-responses';
import { BulkUserErasureResponse, EraseUsersDto, UserErasureResponse } from './user-erasure.dto';
import { UserErasureService } from './user-erasure.service';

/** GDPR erase of a tenant's users, each recorded in the audit log (`GET /v1/admin/audit`). */
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
}

function found<T>(value: T | null, tenantId: string): T {
  if (value === null) throw new NotFoundException({ statusCode: HttpStatus.NOT_FOUND, error: 'Not Found', message: `no tenant with id ${tenantId}` });
  return value;
}
