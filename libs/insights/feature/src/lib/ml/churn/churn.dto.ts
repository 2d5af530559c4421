import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHURN_FEATURES } from '@pulse/ml-features';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_AT_RISK_PAGE = 500;
export const MAX_AT_RISK_OFFSET = 1_000_000;

export class AtRiskQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_AT_RISK_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AT_RISK_PAGE)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_AT_RISK_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AT_RISK_OFFSET)
  offset?: number;
}

export class CalibrationBinResponse {
  @ApiProperty() lower!: number;
  @ApiProperty() upper!: number;
  @ApiProperty({ description: 'Held-out persons whose predicted probability fell in the bin' }) count!: number;
  @ApiProperty() meanPredicted!: number;
  @ApiProperty({ description: 'Share of them who churned' }) observedRate!: number;
}

export class ChurnValidationResponse {
  @ApiProperty({ description: 'Held-out persons (20 %, stratified, seeded)' }) rows!: number;
  @ApiProperty({ description: 'Of them, who churned' }) positives!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'ROC AUC on the held-out persons' }) auc!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean squared error of the probabilities' }) brier!: number | null;
  @ApiProperty({ description: 'Probability at or above which a person is predicted to churn' }) threshold!: number;
  @ApiProperty({ nullable: true, type: Number }) precision!: number | null;
  @ApiProperty({ nullable: true, type: Number }) recall!: number | null;
  @ApiProperty({ type: [CalibrationBinResponse], description: 'Ten equal bins of predicted probability; empty bins left out' })
  calibration!: CalibrationBinResponse[];
}

export class ServedModelComparisonResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: Number }) auc!: number | null;
  @ApiProperty({ nullable: true, type: Number }) brier!: number | null;
  @ApiProperty({ description: 'true: scored on the same held-out persons; false: its metrics from its own training (it reads other features)' })
  sameRows!: boolean;
}

export class ChurnTrainingResponse {
  @ApiProperty({ description: 'The version just stored (1, 2, … per tenant)' }) version!: number;
  @ApiProperty() trainedAt!: string;
  @ApiProperty({ description: 'Observation cut: features from the 28 days before it, churned = no event in the 14 days after it' }) cut!: string;
  @ApiProperty({ example: 14 }) horizonDays!: number;
  @ApiProperty({ description: 'Persons active in the 28 days before the cut' }) persons!: number;
  @ApiProperty() churned!: number;
  @ApiProperty() trainingRows!: number;
  @ApiProperty({ type: ChurnValidationResponse }) validation!: ChurnValidationResponse;
  @ApiProperty({ type: ServedModelComparisonResponse, nullable: true, description: 'The version served before this training, judged alongside' })
  previous!: ServedModelComparisonResponse | null;
  @ApiProperty({ description: 'Whether this version is now served: only when it validated better (AUC + 0.005, or as good and Brier − 0.001)' })
  replacedCurrent!: boolean;
  @ApiProperty({ description: 'Which version is served after this training' }) currentVersion!: number;
}

export class ChurnFactorResponse {
  @ApiProperty({ enum: CHURN_FEATURES }) feature!: string;
  @ApiProperty({ description: 'The person’s value (days, counts; the trend as a balance in [−1, 1])' }) value!: number;
  @ApiProperty({ description: 'The training persons’ typical value on the same scale' }) typical!: number;
  @ApiProperty({ description: 'Log-odds of churn this feature adds against an average person' }) contribution!: number;
  @ApiProperty({ enum: ['raises_risk', 'lowers_risk'] }) effect!: 'raises_risk' | 'lowers_risk';
  @ApiProperty({ example: '12 days since the last event (typical: 3 days since the last event)' }) description!: string;
}

export class ChurnPredictionResponse {
  @ApiProperty({ description: 'The person key: the stitched user id, or anon:<anonymous id>' }) userId!: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Probability of no event in the next 14 days' }) churnProbability!: number;
  @ApiProperty({ example: 14 }) timeWindowDays!: number;
  @ApiProperty({ description: 'Features are read from the 28 days before this instant (now)' }) cut!: string;
  @ApiProperty() modelVersion!: number;
  @ApiProperty({ type: [ChurnFactorResponse], description: 'The three features that move this person’s risk most, either way' })
  riskFactors!: ChurnFactorResponse[];
  @ApiProperty({ type: [String], description: 'Suggested actions for the factors that raise the risk' }) retentionActions!: string[];
  @ApiProperty({ type: [String] }) featuresUsed!: string[];
}

export class AtRiskResponse {
  @ApiProperty() modelVersion!: number;
  @ApiProperty() cut!: string;
  @ApiProperty({ example: 14 }) timeWindowDays!: number;
  @ApiProperty({ description: 'Persons active in the 28 days before the cut, all ranked' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: [ChurnPredictionResponse], description: 'Highest churn probability first (ties by user id)' }) users!: ChurnPredictionResponse[];
}
