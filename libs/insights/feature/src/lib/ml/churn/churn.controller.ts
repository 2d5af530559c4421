import { Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import { assertIdLength, ModelController } from '../model-routes';
import { AtRiskQueryDto, AtRiskResponse, ChurnPredictionResponse, ChurnTrainingResponse } from './churn.dto';
import { ChurnService } from './churn.service';

@ModelController('v1/ml/churn', 'ml: churn')
export class ChurnController {
  constructor(private readonly churn: ChurnService) {}

  @Post('train')
  @HttpCode(200)
  @ApiOperation({
    summary: "Trains a churn model on the tenant's events now",
    description:
      'Persons active in the 28 days before a cut 14 days ago; churned = no event in the 14 days after it. L2 logistic regression on 80 %, validated on 20 % (stratified, seeded). ' +
      'The new version is stored either way and served only when it validated better than the served one on the same held-out persons.',
  })
  @ApiOkResponse({ type: ChurnTrainingResponse })
  @ApiUnprocessableEntityResponse({ description: 'Too little data: { message, needed, found }' })
  train(@CurrentTenant() tenant: AuthenticatedTenant): Promise<ChurnTrainingResponse> {
    return this.churn.train(tenant.id, 'request');
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'A person’s probability of no event in the next 14 days, the factors behind it and suggested actions' })
  @ApiOkResponse({ type: ChurnPredictionResponse })
  @ApiNotFoundResponse({ description: 'No churn model yet, or no event of this person in the last 28 days' })
  async user(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') userId: string): Promise<ChurnPredictionResponse> {
    assertIdLength(userId, 255);
    const prediction = await this.churn.predictUser(tenant.id, userId);
    if (!prediction) throw new NotFoundException(`No events of user ${userId} in the 28 days before now: nothing to score`);
    return prediction;
  }

  @Get('at-risk')
  @ApiOperation({ summary: 'Persons active in the last 28 days, highest churn probability first, with factors and suggested actions' })
  @ApiOkResponse({ type: AtRiskResponse })
  @ApiNotFoundResponse({ description: 'No churn model yet' })
  atRisk(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: AtRiskQueryDto): Promise<AtRiskResponse> {
    return this.churn.atRisk(tenant.id, query.limit ?? 50, query.offset ?? 0);
  }
}
