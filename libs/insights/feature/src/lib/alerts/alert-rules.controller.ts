import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { badRequest, requestValidationPipe } from '@pulse/observability';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant, RequireScope } from '@pulse/tenancy';
import type { Request } from 'express';
import { QueryErrorResponse } from '../query/metric-query-response.dto';
import { AlertHistoryQueryDto, AlertRuleDto } from './alert-rule.dto';
import { AlertHistoryResponse, AlertRuleResponse, CreatedAlertRuleResponse } from './alert-rule-response.dto';
import { AlertRulesService } from './alert-rules.service';
import type { ServiceAddress } from '@pulse/platform';

/** `/v1/alerts`: the alert rules of the tenant whose secret key is presented; another tenant's rule is a 404. */
@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/alerts')
export class AlertRulesController {
  constructor(private readonly alerts: AlertRulesService) {}

  @Post()
  @RequireScope('manage')
  @ApiOperation({
    summary: 'Watch a metric: a threshold or an anomaly, judged as each minute, hour or local day closes, notified to a signed webhook',
    description:
      'The webhook receives a JSON POST with `X-Pulse-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with webhookSecret>` and ' +
      '`X-Pulse-Delivery` (the notification id, the same on retries): `alert.fired` once per incident (not within `cooldownSeconds` of the last ' +
      'notified one), `alert.recovered` once when it clears. Non-2xx answers are retried with exponential backoff (6 attempts over ~31 s).',
  })
  @ApiCreatedResponse({ type: CreatedAlertRuleResponse, description: 'The rule, with its webhook secret (shown only here)' })
  @ApiBadRequestResponse({ type: QueryErrorResponse, description: 'Every broken rule, each naming its field' })
  create(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: AlertRuleDto, @Req() request: Request): Promise<CreatedAlertRuleResponse> {
    return this.alerts.create(tenant, body, serviceAddressOf(request));
  }

  @Get()
  @ApiOkResponse({ type: [AlertRuleResponse], description: 'Oldest first' })
  list(@CurrentTenant() tenant: AuthenticatedTenant): Promise<AlertRuleResponse[]> {
    return this.alerts.list(tenant);
  }

  @Get(':id')
  @ApiOkResponse({ type: AlertRuleResponse })
  @ApiNotFoundResponse()
  async find(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<AlertRuleResponse> {
    return (await this.alerts.find(tenant, id)) ?? notFound(id);
  }

  @Put(':id')
  @RequireScope('manage')
  @ApiOperation({
    summary: 'Replace a rule (its secret stays)',
    description:
      'An edit that keeps the query, condition and granularity (a new name, cooldown or webhook) keeps the open incident: its ' +
      '`alert.recovered` comes when the metric clears. Any other edit, disabling included, ends the incident at once with one ' +
      '`alert.recovered` carrying `reason: "rule_changed"` (sent only if its `alert.fired` was).',
  })
  @ApiOkResponse({ type: AlertRuleResponse })
  @ApiBadRequestResponse({ type: QueryErrorResponse })
  @ApiNotFoundResponse()
  async replace(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Param('id') id: string,
    @Body() body: AlertRuleDto,
    @Req() request: Request,
  ): Promise<AlertRuleResponse> {
    return (await this.alerts.replace(tenant, id, body, serviceAddressOf(request))) ?? notFound(id);
  }

  @Delete(':id')
  @RequireScope('manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its history' })
  @ApiNotFoundResponse()
  async delete(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<void> {
    if (!(await this.alerts.delete(tenant, id))) notFound(id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The notifications of a rule, newest first: fired, recovered, suppressed by the cooldown, each delivery attempt' })
  @ApiOkResponse({ type: AlertHistoryResponse })
  @ApiNotFoundResponse()
  async history(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Param('id') id: string,
    @Query() page: AlertHistoryQueryDto,
  ): Promise<AlertHistoryResponse> {
    const before = page.before === undefined ? undefined : new Date(page.before);
    if (before !== undefined && Number.isNaN(before.getTime())) {
      throw badRequest([{ field: 'before', rule: 'isInstant', message: 'before must be an ISO 8601 instant' }]);
    }
    const notifications = await this.alerts.history(tenant, id, { limit: page.limit ?? 50, ...(before ? { before } : {}) });
    return { notifications: notifications ?? notFound(id) };
  }
}

function notFound(id: string): never {
  throw new NotFoundException(`Alert rule ${id} not found`);
}

function serviceAddressOf(request: Request): ServiceAddress {
  return { hostHeader: request.headers.host, localAddress: request.socket.localAddress, localPort: request.socket.localPort };
}
