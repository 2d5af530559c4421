import { Body, Controller, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Put, UseGuards, UsePipes } from '@nestjs/common';
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
import { requestValidationPipe } from '@pulse/observability';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant, RequireScope } from '@pulse/tenancy';
import { dashboardNotFound } from '../dashboards/dashboards.controller';
import { WidgetDto, WidgetResponse, WidgetUpdateDto } from './widget.dto';
import { WidgetsService } from './widgets.service';

/** `/v1/dashboards/:id/widgets`: the widgets of a dashboard of the tenant whose secret key is presented. */
@ApiTags('dashboards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/dashboards/:id/widgets')
export class WidgetsController {
  constructor(private readonly widgets: WidgetsService) {}

  @Post()
  @RequireScope('manage')
  @ApiOperation({ summary: 'Add a widget', description: 'Its query is checked for its type and, for metric widgets, by the query engine over the dashboard’s range.' })
  @ApiCreatedResponse({ type: WidgetResponse })
  @ApiBadRequestResponse({ description: 'Every broken rule, each naming its field (`type`, `query.metric.type`, `position.w`…)' })
  @ApiNotFoundResponse()
  async create(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Body() body: WidgetDto): Promise<WidgetResponse> {
    return (await this.widgets.create(tenant, id, body)) ?? dashboardNotFound(id);
  }

  @Get()
  @ApiOkResponse({ type: [WidgetResponse], description: 'In order' })
  @ApiNotFoundResponse()
  async list(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<WidgetResponse[]> {
    return (await this.widgets.list(tenant, id)) ?? dashboardNotFound(id);
  }

  @Get(':widgetId')
  @ApiOkResponse({ type: WidgetResponse })
  @ApiNotFoundResponse()
  async find(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Param('widgetId') widgetId: string): Promise<WidgetResponse> {
    return (await this.widgets.find(tenant, id, widgetId)) ?? widgetNotFound(widgetId);
  }

  @Put(':widgetId')
  @RequireScope('manage')
  @ApiOperation({ summary: 'Change a widget', description: 'The fields given replace the stored ones: `{"position":{"x":0,"y":4,"w":6,"h":3}}` moves and resizes.' })
  @ApiOkResponse({ type: WidgetResponse })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  async update(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Param('id') id: string,
    @Param('widgetId') widgetId: string,
    @Body() body: WidgetUpdateDto,
  ): Promise<WidgetResponse> {
    return (await this.widgets.update(tenant, id, widgetId, body)) ?? widgetNotFound(widgetId);
  }

  @Delete(':widgetId')
  @RequireScope('manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async delete(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Param('widgetId') widgetId: string): Promise<void> {
    if (!(await this.widgets.delete(tenant, id, widgetId))) widgetNotFound(widgetId);
  }
}

function widgetNotFound(id: string): never {
  throw new NotFoundException(`No widget ${id}`);
}
