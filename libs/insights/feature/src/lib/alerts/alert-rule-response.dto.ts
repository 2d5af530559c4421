import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OpenIncidentResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: "Start of the incident's first breaching bucket" })
  startedAt!: string;
}

export class AlertRuleResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The watched metric query (without range and granularity)' })
  query!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { kind: 'threshold', operator: 'above', value: 20 },
    description: '{ kind: threshold, operator, value } or { kind: anomaly, method, sensitivity }',
  })
  condition!: Record<string, unknown>;

  @ApiProperty({ enum: ['minute', 'hour', 'day'] })
  granularity!: string;

  @ApiProperty()
  cooldownSeconds!: number;

  @ApiProperty()
  webhookUrl!: string;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ enum: ['ok', 'firing'], description: 'firing while an incident is open' })
  state!: 'ok' | 'firing';

  @ApiProperty({ type: OpenIncidentResponse, nullable: true })
  openIncident!: OpenIncidentResponse | null;

  @ApiProperty({ nullable: true, description: 'Start of the latest bucket evaluated' })
  lastEvaluatedBucket!: string | null;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty()
  updatedAt!: string;
}

export class CreatedAlertRuleResponse extends AlertRuleResponse {
  @ApiProperty({
    description: 'The key of the X-Pulse-Signature HMAC: shown this once, keep it where the webhook receiver can read it',
    example: 'whsec_3q2-7wEXAMPLEo4V1aZPkTnCDoFs8mZb',
  })
  webhookSecret!: string;
}

export class DeliveryAttemptResponse {
  @ApiProperty()
  at!: string;

  @ApiProperty()
  durationMs!: number;

  @ApiPropertyOptional()
  httpStatus?: number;

  @ApiPropertyOptional()
  error?: string;
}

export class AlertNotificationResponse {
  @ApiProperty({ description: 'Also sent as X-Pulse-Delivery' })
  id!: string;

  @ApiProperty()
  incidentId!: string;

  @ApiProperty({ enum: ['fired', 'recovered'] })
  kind!: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'suppressed'], description: 'suppressed: within the cooldown, never sent' })
  status!: string;

  @ApiProperty()
  incidentStartedAt!: string;

  @ApiProperty({ description: 'The bucket that raised it' })
  bucketStart!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: [DeliveryAttemptResponse] })
  attemptLog!: DeliveryAttemptResponse[];

  @ApiProperty({ nullable: true })
  lastError!: string | null;

  @ApiProperty({ nullable: true, description: 'When the next attempt is due (pending only)' })
  nextAttemptAt!: string | null;

  @ApiProperty({ nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The webhook body' })
  payload!: Record<string, unknown>;

  @ApiProperty()
  createdAt!: string;
}

export class AlertHistoryResponse {
  @ApiProperty({ type: [AlertNotificationResponse], description: 'Newest first' })
  notifications!: AlertNotificationResponse[];
}
