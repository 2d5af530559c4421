import { IsOptional } from 'class-validator';
import {
  IsAmount,
  IsCount,
  IsIdentifier,
  IsOneOf,
  IsPositiveCount,
  IsRatio,
  IsSignedRatio,
  IsRequired,
  IsStringList,
  IsText,
  IsUrlText,
} from '../../validation/property-rules';

/**
 * Conversation lifecycle events: the eight types of the conversation pipeline spec, with the fields
 * its metrics need (response time in ms, resolved/escalated/abandoned, who resolved it for the ROI
 * calculator, quality and knowledge-gap signals) and the CRM spec's sentiment and intent.
 */

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
/** Who answered or resolved: the ROI calculator counts AI-resolved conversations. */
export const RESPONDERS = ['ai', 'human'] as const;

export class ConversationProperties {
  @IsRequired() @IsIdentifier() readonly conversation_id!: string;
  /** web_chat, whatsapp, email, voice… */
  @IsOptional() @IsText(64) readonly channel?: string;
  @IsOptional() @IsText(128) readonly intent?: string;
}

export class ConversationStartedProperties extends ConversationProperties {}

export class MessageProperties extends ConversationProperties {
  @IsOptional() @IsIdentifier() readonly message_id?: string;
  @IsOptional()
  @IsOneOf(SENTIMENTS)
  readonly sentiment?: (typeof SENTIMENTS)[number];
  /** -1 (negative) … 1 (positive). */
  @IsOptional() @IsSignedRatio() readonly sentiment_score?: number;
  @IsOptional() @IsRatio() readonly intent_confidence?: number;
  @IsOptional() @IsCount() readonly message_length?: number;
}

/** The customer's message. */
export class MessageSentProperties extends MessageProperties {}

/** The reply the customer received, and how long it took. */
export class MessageReceivedProperties extends MessageProperties {
  @IsRequired() @IsCount() readonly response_time_ms!: number;
  @IsOptional()
  @IsOneOf(RESPONDERS)
  readonly responder?: (typeof RESPONDERS)[number];
}

export class ConversationResolvedProperties extends ConversationProperties {
  @IsOptional()
  @IsOneOf(RESPONDERS)
  readonly resolved_by?: (typeof RESPONDERS)[number];
  @IsOptional() @IsAmount() readonly duration_seconds?: number;
  @IsOptional() @IsCount() readonly message_count?: number;
  @IsOptional() @IsRatio() readonly satisfaction_score?: number;
}

export class ConversationEscalatedProperties extends ConversationProperties {
  @IsOptional() @IsText(512) readonly reason?: string;
  /** human_agent, tier_2… */
  @IsOptional() @IsText(64) readonly escalated_to?: string;
}

export class ConversationAbandonedProperties extends ConversationProperties {
  @IsOptional() @IsAmount() readonly duration_seconds?: number;
  @IsOptional() @IsCount() readonly message_count?: number;
}

export class KnowledgeRetrievedProperties extends ConversationProperties {
  @IsOptional() @IsText(1024) readonly query?: string;
  @IsRequired() @IsCount() readonly results_count!: number;
  /** Best match confidence; low values are the spec's content gaps. */
  @IsOptional() @IsRatio() readonly top_score?: number;
  @IsOptional() @IsStringList() readonly document_ids?: string[];
}

export class CitationClickedProperties extends ConversationProperties {
  @IsRequired() @IsIdentifier() readonly document_id!: string;
  @IsOptional() @IsUrlText() readonly url?: string;
  @IsOptional() @IsPositiveCount() readonly position?: number;
}
