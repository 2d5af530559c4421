import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { IntentModelResponse, IntentTrainingResponse } from './intent.dto';
import { IntentService } from './intent.service';

@ApiTags('ml: intent')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@Controller('v1/ml/intent')
export class IntentController {
  constructor(private readonly intent: IntentService) {}

  @Post('train')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trains the tenant’s message intent model from its stored messages that carry text and an intent label (last 90 days)',
    description:
      'Multinomial naive Bayes over words and word pairs; 80/20 split stratified by intent. Derived intents are not labels. ' +
      'Served only when its held-out accuracy beats always answering the most common intent and the served version’s held-out accuracy by 0.01.',
  })
  @ApiOkResponse({ type: IntentTrainingResponse })
  @ApiUnprocessableEntityResponse({ description: 'Too few labelled messages: { message, needed, found }' })
  train(@CurrentTenant() tenant: AuthenticatedTenant): Promise<IntentTrainingResponse> {
    return this.intent.train(tenant.id, 'request');
  }

  @Get('model')
  @ApiOperation({ summary: 'The served intent model: its intents, confidence threshold and held-out validation' })
  @ApiOkResponse({ type: IntentModelResponse })
  @ApiNotFoundResponse({ description: 'No intent model yet' })
  model(@CurrentTenant() tenant: AuthenticatedTenant): Promise<IntentModelResponse> {
    return this.intent.current(tenant.id);
  }
}
