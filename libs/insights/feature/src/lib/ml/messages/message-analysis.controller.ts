import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { requestValidationPipe } from '@pulse/observability';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { QueryErrorResponse } from '../../query/metric-query-response.dto';
import { AnalyzeMessagesDto, AnalyzeMessagesResponse } from './message-analysis.dto';
import { MessageAnalysisService } from './message-analysis.service';

/** `POST /v1/ml/messages/analyze`: sentiment and intent of message texts, for the tenant whose secret key is presented. */
@ApiTags('ml')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@Controller('v1/ml/messages')
export class MessageAnalysisController {
  constructor(private readonly analysis: MessageAnalysisService) {}

  @Post('analyze')
  @HttpCode(HttpStatus.OK)
  @UsePipes(requestValidationPipe())
  @ApiOperation({
    summary: 'Sentiment (VADER) and intent (the tenant’s trained model) of one text or a batch of messages',
    description:
      'Nothing is stored. A message that cannot be judged (empty, over 32 KB of UTF-8, not English) gets sentiment null with a reason and intent unknown; ' +
      'the batch still answers every message. Without a trained intent model every intent is unknown (reason no_intent_model).',
  })
  @ApiOkResponse({ type: AnalyzeMessagesResponse })
  @ApiBadRequestResponse({ type: QueryErrorResponse, description: 'Every broken rule, each naming its field' })
  async analyze(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: AnalyzeMessagesDto): Promise<AnalyzeMessagesResponse> {
    const messages = body.messages ?? [{ text: body.text ?? '' }];
    return { messages: await this.analysis.analyze(tenant.id, messages) };
  }
}
