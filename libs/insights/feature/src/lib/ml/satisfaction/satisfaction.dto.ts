import { ApiProperty } from '@nestjs/swagger';
import { SATISFACTION_FEATURES } from '@pulse/ml-features';
import { IsDefined, IsISO8601, Matches } from 'class-validator';

/** The longest daily series one request may ask for. */
export const MAX_DAILY_SATISFACTION_DAYS = 92;

export class DailySatisfactionQueryDto {
  @ApiProperty({ description: "First local day (the tenant's time zone), YYYY-MM-DD", example: '2026-03-01' })
  @IsDefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a calendar date' })
  from!: string;

  @ApiProperty({ description: `Last local day, inclusive; at most ${MAX_DAILY_SATISFACTION_DAYS} days after from`, example: '2026-03-31' })
  @IsDefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a calendar date' })
  to!: string;
}

export class SatisfactionValidationResponse {
  @ApiProperty({ description: 'Held-out scored conversations (20 %, stratified by satisfied or not, seeded)' }) rows!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean absolute error of the predicted score (0–1)' }) meanAbsoluteError!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The same for always predicting the training mean' }) baselineMeanAbsoluteError!: number | null;
  @ApiProperty({ nullable: true, type: Number }) meanSquaredError!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of the scores’ variance explained' }) r2!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'ROC AUC of the predicted score for satisfied (≥ 0.75) vs not' }) auc!: number | null;
}

export class PreviousSatisfactionModelResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: Number }) auc!: number | null;
  @ApiProperty({ nullable: true, type: Number }) meanSquaredError!: number | null;
  @ApiProperty({ nullable: true, type: Number }) meanAbsoluteError!: number | null;
  @ApiProperty({ description: 'true: scored on the same held-out conversations; false: its metrics from its own training' }) sameRows!: boolean;
}

export class SatisfactionTrainingResponse {
  @ApiProperty() version!: number;
  @ApiProperty() trainedAt!: string;
  @ApiProperty({ description: 'Conversations active from this instant until trainedAt were read (90 days)' }) from!: string;
  @ApiProperty({ description: 'Conversations with a conversation_resolved.satisfaction_score' }) scoredConversations!: number;
  @ApiProperty({ description: 'Of them, scored 0.75 or more' }) satisfied!: number;
  @ApiProperty() trainingRows!: number;
  @ApiProperty({ type: SatisfactionValidationResponse }) validation!: SatisfactionValidationResponse;
  @ApiProperty({ type: PreviousSatisfactionModelResponse, nullable: true }) previous!: PreviousSatisfactionModelResponse | null;
  @ApiProperty({ description: 'Served from now on: only when it validated better (AUC + 0.005, or as good and mean squared error − 0.001)' })
  replacedCurrent!: boolean;
  @ApiProperty() currentVersion!: number;
}

export class SatisfactionFactorResponse {
  @ApiProperty({ enum: SATISFACTION_FEATURES }) factor!: string;
  @ApiProperty({ description: 'Log-odds this feature adds to the score against an average conversation; positive raises it' }) impact!: number;
  @ApiProperty() value!: number;
  @ApiProperty({ description: 'The training conversations’ typical value' }) typical!: number;
  @ApiProperty({ example: 'closing sentiment -0.6 (typical: closing sentiment 0.12) lowers the score' }) description!: string;
}

export class SatisfactionPredictionResponse {
  @ApiProperty() conversationId!: string;
  @ApiProperty({ description: 'Start day in the tenant’s time zone' }) day!: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Predicted satisfaction score (the expected conversation_resolved.satisfaction_score)' }) score!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'completeness × (1 − the model’s held-out mean absolute error)' }) confidence!: number;
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    description: 'Share of the 12 features this conversation showed (no timed reply or no scored message leave some out)',
  })
  completeness!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The score the customer gave, if any' }) observedScore!: number | null;
  @ApiProperty({ type: [SatisfactionFactorResponse] }) factors!: SatisfactionFactorResponse[];
  @ApiProperty({ example: 'Predicted 0.31: closing sentiment -0.6 (typical: closing sentiment 0.12) lowers the score; …' }) explanation!: string;
  @ApiProperty() modelVersion!: number;
  @ApiProperty({ type: [String] }) featuresUsed!: string[];
}

export class UnscoredDayResponse {
  @ApiProperty() conversations!: number;
  @ApiProperty({ nullable: true, type: Number }) predictedMean!: number | null;
}

export class ScoredDayResponse {
  @ApiProperty() conversations!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of the scores customers gave' }) observedMean!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of the model’s predictions for the same conversations' }) predictedMean!: number | null;
}

export class DailySatisfactionPointResponse {
  @ApiProperty({ example: '2026-03-01' }) day!: string;
  @ApiProperty({ type: UnscoredDayResponse }) unscored!: UnscoredDayResponse;
  @ApiProperty({ type: ScoredDayResponse }) scored!: ScoredDayResponse;
}

export class DailySatisfactionResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() modelVersion!: number;
  @ApiProperty({ type: [DailySatisfactionPointResponse], description: 'One point per local day; conversations count on the day they started' })
  points!: DailySatisfactionPointResponse[];
}
