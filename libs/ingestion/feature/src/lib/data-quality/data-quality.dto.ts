import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ValidationIssueResponse } from '../http/ingestion-responses';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const QUARANTINE_ID = /^[1-9]\d{0,17}$/;
export const QUARANTINE_STATUSES = ['pending', 'replayed', 'all'] as const;
export const MAX_REPLAY_IDS = 1_000;

export class DataQualityOverviewQueryDto {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'First tenant-local day (default: 29 days before `to`)' })
  @IsOptional()
  @Matches(DAY, { message: '$property must be a date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-30', description: 'Last tenant-local day, included (default: today in the tenant zone)' })
  @IsOptional()
  @Matches(DAY, { message: '$property must be a date written YYYY-MM-DD' })
  to?: string;
}

export class RejectionsQueryDto {
  @ApiPropertyOptional({ enum: QUARANTINE_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(QUARANTINE_STATUSES, { message: `$property must be one of: ${QUARANTINE_STATUSES.join(', ')}` })
  status?: (typeof QUARANTINE_STATUSES)[number];

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ example: '1234', description: 'The `nextBeforeId` of the previous page' })
  @IsOptional()
  @Matches(QUARANTINE_ID, { message: '$property must be a quarantine id (a positive whole number)' })
  beforeId?: string;
}

export class ReplayRequestDto {
  @ApiPropertyOptional({ type: [String], example: ['41', '42'], description: `Quarantine ids to replay (1–${MAX_REPLAY_IDS}); or set all` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLAY_IDS)
  @Matches(QUARANTINE_ID, { each: true, message: '$property must hold quarantine ids (positive whole numbers written as text)' })
  ids?: string[];

  @ApiPropertyOptional({ example: true, description: 'Replay every pending event (up to 5,000 per request; see `remaining`)' })
  @IsOptional()
  @Equals(true, { message: '$property must be true when given' })
  all?: true;
}

export class OutcomeCountsResponse {
  @ApiProperty({ description: 'stored + storedWithViolations + rejected' }) received!: number;
  @ApiProperty() stored!: number;
  @ApiProperty({ description: 'Stored under the lenient policy with the rules they broke recorded; the breaking values set aside' })
  storedWithViolations!: number;
  @ApiProperty({ description: 'Refused at the edge or by the processor, and kept in the quarantine' }) rejected!: number;
}

export class DataQualityTotalsResponse extends OutcomeCountsResponse {
  @ApiProperty({ description: 'Quarantined events dropped by the size and age bounds' }) quarantineDropped!: number;
}

export class DataQualityDayResponse extends DataQualityTotalsResponse {
  @ApiProperty({ example: '2026-03-01' }) day!: string;
}

export class DataQualityEventTypeResponse extends OutcomeCountsResponse {
  @ApiProperty({ example: 'purchase', description: "'' when a rejected event had no readable type" }) eventType!: string;
}

export class DataQualitySourceResponse extends OutcomeCountsResponse {
  @ApiProperty({ example: 'segment', description: 'The API (http, segment, posthog), or the topic a processor rejection was read from' })
  source!: string;
}

export class DataQualityRuleResponse {
  @ApiProperty({ example: 'purchase' }) eventType!: string;
  @ApiProperty({ example: 'properties.order_id', description: 'List positions generalized: properties.items[].price' }) field!: string;
  @ApiProperty({ example: 'isDefined' }) rule!: string;
  @ApiProperty() storedWithViolations!: number;
  @ApiProperty() rejected!: number;
}

export class DataQualityOverviewResponse {
  @ApiProperty({ example: '2026-03-01' }) from!: string;
  @ApiProperty({ example: '2026-03-30' }) to!: string;
  @ApiProperty({ example: 'Europe/Berlin', description: 'Days are the tenant-local days the events were received' }) timeZone!: string;
  @ApiProperty({ type: DataQualityTotalsResponse }) totals!: DataQualityTotalsResponse;
  @ApiProperty({ type: [DataQualityDayResponse] }) days!: DataQualityDayResponse[];
  @ApiProperty({ type: [DataQualityEventTypeResponse] }) eventTypes!: DataQualityEventTypeResponse[];
  @ApiProperty({ type: [DataQualitySourceResponse] }) sources!: DataQualitySourceResponse[];
  @ApiProperty({ type: [DataQualityRuleResponse] }) rules!: DataQualityRuleResponse[];
  @ApiProperty({ description: 'Quarantined events not replayed yet' }) quarantinePending!: number;
}

export class QuarantinedEventResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time' }) quarantinedAt!: string;
  @ApiProperty({ enum: ['ingestion', 'processor'] }) stage!: string;
  @ApiProperty({ example: 'segment' }) source!: string;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) eventType!: string | null;
  @ApiProperty({ example: 'invalid' }) reason!: string;
  @ApiProperty({ type: [ValidationIssueResponse] }) errors!: ValidationIssueResponse[];
  @ApiProperty({ description: 'The event as received: JSON when it was JSON, else its text' }) payload!: unknown;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) replayedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last replay refused it again' }) replayError!: string | null;
}

export class RejectionsResponse {
  @ApiProperty({ type: [QuarantinedEventResponse] }) items!: QuarantinedEventResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as beforeId for the next page; null on the last' }) nextBeforeId!: string | null;
}

export class ReplayOutcomeResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ enum: ['replayed', 'rejected'] }) outcome!: string;
  @ApiPropertyOptional({ type: [ValidationIssueResponse] }) errors?: ValidationIssueResponse[];
}

export class ReplayResponse {
  @ApiProperty({ description: 'Sent to be stored again (stored once, however often replayed)' }) replayed!: number;
  @ApiProperty({ description: 'Refused again under the current policy and mappings; still pending' }) rejected!: number;
  @ApiPropertyOptional({ description: 'With all: pending events left for another request' }) remaining?: number;
  @ApiProperty({ type: [ReplayOutcomeResponse] }) results!: ReplayOutcomeResponse[];
}
