import { IsOptional } from 'class-validator';
import {
  IsAmount,
  IsCount,
  IsFlag,
  IsIdentifier,
  IsRequired,
  IsText,
} from '../../validation/property-rules';

/**
 * One call to a model provider. Field names are the analytics-engine spec's `ModelUsageEvent`
 * (`model_provider`, `model_name`, `operation`, `tokens_used` = total tokens, `cost_cents` = cost in
 * US cents, `latency_ms`, `success`), plus the input/output split and error code the issue asks for.
 */
export class ModelUsageProperties {
  /** openai, anthropic, bedrock… */
  @IsRequired() @IsText(64) readonly model_provider!: string;
  @IsRequired() @IsText(128) readonly model_name!: string;
  /** chat_completion, embedding, rerank… */
  @IsRequired() @IsText(64) readonly operation!: string;
  @IsOptional() @IsCount() readonly input_tokens?: number;
  @IsOptional() @IsCount() readonly output_tokens?: number;
  /** Total tokens billed for the call. */
  @IsRequired() @IsCount() readonly tokens_used!: number;
  /** US cents; fractional values are normal (0.35 = a third of a cent). */
  @IsRequired() @IsAmount() readonly cost_cents!: number;
  @IsRequired() @IsCount() readonly latency_ms!: number;
  @IsRequired() @IsFlag() readonly success!: boolean;
  @IsOptional() @IsText(128) readonly error_code?: string;
  /**
   * A hash of the request (model input and parameters) — never the prompt itself: calls repeating one are
   * what a response cache would save (insight reports' cost findings).
   */
  @IsOptional() @IsText(128) readonly request_hash?: string;
  /** Lets conversation analytics add model cost to a conversation. */
  @IsOptional() @IsIdentifier() readonly conversation_id?: string;
}
