import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_ANALYZED_TEXT_BYTES } from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** Most messages in one request. */
export const MAX_ANALYZED_MESSAGES = 1000;

export class MessageToAnalyzeDto {
  @ApiPropertyOptional({ description: 'Echoed in the answer, to match answers to messages', example: 'msg_81' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  id?: string;

  @ApiProperty({
    description: `The message text; over ${MAX_ANALYZED_TEXT_BYTES} bytes of UTF-8 it gets no sentiment (reason text_too_long)`,
    example: 'Where is my order?',
  })
  @IsDefined()
  @IsString()
  text!: string;
}

/** One text, or a batch of messages: exactly one of the two. */
export class AnalyzeMessagesDto {
  @ApiPropertyOptional({ description: 'One message text; give either text or messages', example: 'The delivery was late again, not good.' })
  @ValidateIf((body: AnalyzeMessagesDto) => body.messages === undefined)
  @IsDefined()
  @IsString()
  text?: string;

  @ApiPropertyOptional({ type: [MessageToAnalyzeDto], description: `1-${MAX_ANALYZED_MESSAGES} messages, answered in the same order` })
  @IsOptional()
  @IsExclusiveWith('text')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ANALYZED_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => MessageToAnalyzeDto)
  messages?: MessageToAnalyzeDto[];
}

/** This field and the sibling one are alternatives: giving both is refused rather than one silently ignored. */
function IsExclusiveWith(sibling: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: `isExclusiveWith${sibling.charAt(0).toUpperCase()}${sibling.slice(1)}`,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must not be given with ${sibling}: give one or the other` },
      validator: { validate: (_value: unknown, args) => (args?.object as Record<string, unknown>)[sibling] === undefined },
    });
}

export class MessageSentimentResponse {
  @ApiProperty({ enum: ['positive', 'neutral', 'negative'], description: 'score ≥ 0.05 positive, ≤ −0.05 negative' })
  label!: string;

  @ApiProperty({ description: "VADER's compound score, −1 (most negative) to 1", example: -0.3412 })
  score!: number;

  @ApiProperty({ description: 'Share of the text that reads positive', example: 0 })
  pos!: number;

  @ApiProperty({ description: 'Share that reads neutral', example: 0.294 })
  neu!: number;

  @ApiProperty({ description: 'Share that reads negative', example: 0.706 })
  neg!: number;
}

export class MessageIntentResponse {
  @ApiProperty({ description: "An intent of the tenant's model, or unknown", example: 'order_status' })
  label!: string;

  @ApiProperty({ description: 'Probability of the most likely intent (0 when nothing was judged)', example: 0.93 })
  confidence!: number;

  @ApiPropertyOptional({
    enum: ['no_intent_model', 'empty_text', 'text_too_long', 'unsupported_language', 'below_confidence', 'no_known_words'],
    description: 'Why the intent is unknown',
  })
  reason?: string;
}

export class MessageAnalysisResponse {
  @ApiProperty({ type: String, nullable: true, description: "The message's id as sent, null when none was" })
  id!: string | null;

  @ApiProperty({ type: MessageSentimentResponse, nullable: true, description: 'null when the text cannot be scored: see reason' })
  sentiment!: MessageSentimentResponse | null;

  @ApiPropertyOptional({ enum: ['empty_text', 'text_too_long', 'unsupported_language'], description: 'Why sentiment is null' })
  reason?: string;

  @ApiPropertyOptional({ description: 'The reason in words', example: 'only English is supported: 0 of 5 words are common English words; at least 2 needed' })
  detail?: string;

  @ApiProperty({ type: MessageIntentResponse })
  intent!: MessageIntentResponse;
}

export class AnalyzeMessagesResponse {
  @ApiProperty({ type: [MessageAnalysisResponse], description: 'One answer per message, in request order' })
  messages!: MessageAnalysisResponse[];
}
