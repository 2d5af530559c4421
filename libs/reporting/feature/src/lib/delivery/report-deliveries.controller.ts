import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { ReportDeliveryResponse } from './report-delivery.dto';
import { ReportDeliveriesService } from './report-deliveries.service';

/** `GET /v1/reports/:id/runs/:runId/deliveries`: a scheduled run's email and webhook, every attempt with its outcome. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({
  description: 'Missing, unknown or revoked secret key',
})
@UseGuards(SecretKeyGuard)
@Controller('v1/reports/:id/runs/:runId/deliveries')
export class ReportDeliveriesController {
  constructor(private readonly deliveries: ReportDeliveriesService) {}

  @Get()
  @ApiOkResponse({
    type: [ReportDeliveryResponse],
    description: 'Email first; empty for a run asked for through the API',
  })
  @ApiNotFoundResponse()
  async list(
    @CurrentTenant() tenant: AuthenticatedTenant,
    @Param('id') id: string,
    @Param('runId') runId: string,
  ): Promise<ReportDeliveryResponse[]> {
    const deliveries = await this.deliveries.list(tenant, id, runId);
    if (!deliveries) throw new NotFoundException(`No run ${runId}`);
    return deliveries;
  }
}
