import { ApiProperty } from '@nestjs/swagger';

export class IntentClassCountsResponse {
  @ApiProperty({ example: 'order_status' }) intent!: string;
  @ApiProperty({ description: 'Labelled messages of this intent the model was trained on' }) trainingMessages!: number;
  @ApiProperty({ description: 'Labelled messages of this intent held out' }) heldOutMessages!: number;
  @ApiProperty({ description: 'Of those held out, how many the model put first' }) correct!: number;
}

export class IntentValidationResponse {
  @ApiProperty({ description: 'Held-out labelled messages (20 %, stratified by intent, seeded)' }) rows!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Share whose most probable intent is the label given' }) accuracy!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share answered with an intent rather than unknown (confidence ≥ the threshold)' })
  coverage!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Among those answered, the share answered right' }) answeredAccuracy!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Always answering the most common training intent: what the model must beat' })
  baselineAccuracy!: number | null;
  @ApiProperty({ type: [IntentClassCountsResponse] }) perIntent!: IntentClassCountsResponse[];
}

export class IntentModelResponse {
  @ApiProperty({ description: 'The version (1, 2, … per tenant)' }) version!: number;
  @ApiProperty() trainedAt!: string;
  @ApiProperty({ type: [String], description: 'The intents it answers (besides unknown)' }) intents!: string[];
  @ApiProperty({ description: 'Below this probability of the most likely intent, the answer is unknown' }) minConfidence!: number;
  @ApiProperty({ description: 'Distinct words and word pairs it learned' }) vocabularySize!: number;
  @ApiProperty() trainingRows!: number;
  @ApiProperty({ type: IntentValidationResponse }) validation!: IntentValidationResponse;
}

export class IntentTrainingResponse extends IntentModelResponse {
  @ApiProperty({ description: 'Start of the training window (90 days before now)' }) from!: string;
  @ApiProperty({ description: 'Labelled messages used (of intents with at least 5)' }) labelledMessages!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The version served before, and its held-out accuracy when it was trained' })
  previousVersion!: number | null;
  @ApiProperty({ nullable: true, type: Number }) previousAccuracy!: number | null;
  @ApiProperty({ description: 'Whether this version is now served: held-out accuracy above the baseline and ≥ 0.01 above the served version’s' })
  replacedCurrent!: boolean;
  @ApiProperty({ description: 'Which version is served after this training' }) currentVersion!: number;
}
