import { Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { badRequest } from '@pulse/observability';
import { CurrentTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import { assertIdLength, ModelController } from '../model-routes';
import { localDays } from './daily-satisfaction';
import {
  DailySatisfactionQueryDto,
  DailySatisfactionResponse,
  MAX_DAILY_SATISFACTION_DAYS,
  SatisfactionPredictionResponse,
  SatisfactionTrainingResponse,
} from './satisfaction.dto';
import { SatisfactionService } from './satisfaction.service';

@ModelController('v1/ml/satisfaction', 'ml: satisfaction')
export class SatisfactionController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @Post('train')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trains a satisfaction model from the scores customers gave (conversation_resolved.satisfaction_score, 0–1) in the last 90 days',
    description:
      'Fractional logit: L2 logistic regression on the 0–1 score itself, so a prediction is the expected score. 80/20 split stratified by satisfied (≥ 0.75) or not. ' +
      'Served only when it validates better than the served version on the same held-out conversations.',
  })
  @ApiOkResponse({ type: SatisfactionTrainingResponse })
  @ApiUnprocessableEntityResponse({ description: 'Too few scored conversations: { message, needed, found }' })
  train(@CurrentTenant() tenant: AuthenticatedTenant): Promise<SatisfactionTrainingResponse> {
    return this.satisfaction.train(tenant.id, 'request');
  }

  @Get('conversations/:id')
  @ApiOperation({ summary: 'A conversation’s predicted satisfaction (0–1), confidence and the factors behind it' })
  @ApiOkResponse({ type: SatisfactionPredictionResponse })
  @ApiNotFoundResponse({ description: 'No satisfaction model yet, or no such conversation' })
  async conversation(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') conversationId: string): Promise<SatisfactionPredictionResponse> {
    assertIdLength(conversationId, 128);
    const prediction = await this.satisfaction.predictConversation(tenant.id, conversationId);
    if (!prediction) throw new NotFoundException(`No conversation ${conversationId}`);
    return prediction;
  }

  @Get('daily')
  @ApiOperation({ summary: 'Per local day: predicted satisfaction of conversations without a score, beside the observed mean of those with one' })
  @ApiOkResponse({ type: DailySatisfactionResponse })
  @ApiNotFoundResponse({ description: 'No satisfaction model yet' })
  daily(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: DailySatisfactionQueryDto): Promise<DailySatisfactionResponse> {
    if (query.to < query.from) throw badRequest([{ field: 'to', rule: 'isNotBeforeFrom', message: 'to must not be before from' }]);
    if (localDays(query.from, query.to).length > MAX_DAILY_SATISFACTION_DAYS) {
      throw badRequest([{ field: 'to', rule: 'maxDays', message: `to must be at most ${MAX_DAILY_SATISFACTION_DAYS} days after from (inclusive)` }]);
    }
    return this.satisfaction.daily(tenant, query.from, query.to);
  }
}
