import { ApiProperty } from '@nestjs/swagger';
import type { ChannelPerformance, ConversationMetrics, ConversationTrendPoint, IntentShare, RoiCalculation } from '@pulse/analytics-core';
import { DateRangeResponse } from '../shared/date-range.response';

/** Rates are fractions (0.25 = 25 %), unrounded. */
export class ConversationMetricsResponse implements ConversationMetrics {
  @ApiProperty({ example: 120 }) totalConversations!: number;
  @ApiProperty({ example: 84 }) resolvedConversations!: number;
  @ApiProperty({ example: 24 }) escalatedConversations!: number;
  @ApiProperty({ example: 12 }) abandonedConversations!: number;
  @ApiProperty({ description: 'resolved / total', example: 0.7 }) resolutionRate!: number;
  @ApiProperty({ description: 'escalated / total', example: 0.2 }) escalationRate!: number;
  @ApiProperty({ description: 'abandoned / total', example: 0.1 }) abandonmentRate!: number;
  @ApiProperty({ description: 'Mean response_time_ms of the replies', example: 1450.5 }) avgResponseTimeMs!: number;
  @ApiProperty({ description: 'Messages per conversation', example: 6.5 }) avgConversationLength!: number;
  @ApiProperty({ description: 'Distinct customers over the whole range', example: 97 }) uniqueCustomers!: number;
}

export class PreviousPeriodResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: ConversationMetricsResponse }) metrics!: ConversationMetricsResponse;
}

export class PeriodMetricsResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: ConversationMetricsResponse }) metrics!: ConversationMetricsResponse;
  @ApiProperty({ type: PreviousPeriodResponse, nullable: true, description: 'The same number of days just before; null when compare=false' })
  previousPeriod!: PreviousPeriodResponse | null;
  @ApiProperty({
    nullable: true,
    description: 'Growth of total conversations: (current − previous) / previous; 1.0 after an empty previous period if there is anything now, else 0.0',
    example: 0.25,
  })
  growthRate!: number | null;
}

export class DailyConversationMetricsResponse extends ConversationMetricsResponse {
  @ApiProperty({ description: "Local day in the tenant's time zone", example: '2025-03-10' }) day!: string;
}

export class ConversationDailyResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: [DailyConversationMetricsResponse], description: 'Every day of the range, zeros where nothing happened' })
  days!: DailyConversationMetricsResponse[];
}

export class ConversationTrendPointResponse implements ConversationTrendPoint {
  @ApiProperty({ description: 'Local bucket start: 2025-03-10T14:00 (hour), 2025-03-10 (day; week: its Monday; month: its 1st)' }) bucket!: string;
  @ApiProperty({ description: 'Conversations whose first event is in the bucket' }) conversations!: number;
  @ApiProperty({ description: 'Resolutions reached in the bucket' }) resolved!: number;
  @ApiProperty() escalated!: number;
  @ApiProperty() abandoned!: number;
  @ApiProperty({ description: 'Messages sent or received in the bucket' }) messages!: number;
  @ApiProperty() avgResponseTimeMs!: number;
}

export class ConversationTrendsResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ enum: ['hour', 'day', 'week', 'month'] }) granularity!: string;
  @ApiProperty({ type: [ConversationTrendPointResponse], description: 'Every bucket of the range, zeros where nothing happened' })
  buckets!: ConversationTrendPointResponse[];
}

export class IntentShareResponse implements IntentShare {
  @ApiProperty({ example: 'order_status' }) intent!: string;
  @ApiProperty({ description: 'Conversations with an event carrying this intent' }) conversations!: number;
  @ApiProperty({ description: 'Events carrying this intent' }) events!: number;
  @ApiProperty({ description: 'conversations / conversations with any intent (may add up to more than 1)' }) share!: number;
}

export class ConversationIntentsResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty() conversationsWithIntent!: number;
  @ApiProperty({ type: [IntentShareResponse] }) intents!: IntentShareResponse[];
}

export class ChannelPerformanceResponse implements ChannelPerformance {
  @ApiProperty({ example: 'web_chat', description: '`unknown` for conversations without a channel' }) channel!: string;
  @ApiProperty({ description: 'Conversations that began in the range' }) conversations!: number;
  @ApiProperty({ description: 'Of those, resolved (whenever)' }) resolved!: number;
  @ApiProperty() escalated!: number;
  @ApiProperty() abandoned!: number;
  @ApiProperty() resolutionRate!: number;
  @ApiProperty() escalationRate!: number;
  @ApiProperty() abandonmentRate!: number;
  @ApiProperty() avgConversationLength!: number;
  @ApiProperty() avgResponseTimeMs!: number;
  @ApiProperty({ description: "This channel's part of the conversations" }) share!: number;
}

export class ConversationChannelsResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: [ChannelPerformanceResponse] }) channels!: ChannelPerformanceResponse[];
}

export class ConversationRoiResponse implements RoiCalculation {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ description: "The tenant's currency: every cost and saving is in it", example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Conversations that began in the range' }) totalConversations!: number;
  @ApiProperty({ description: 'Of those, resolved without a human (resolved_by ai or not given)' }) aiResolvedConversations!: number;
  @ApiProperty() humanAgentCostPerHour!: number;
  @ApiProperty() minutesPerConversation!: number;
  @ApiProperty() aiCostPerConversation!: number;
  @ApiProperty({ description: '(total × minutes / 60) × cost per hour' }) humanAgentCost!: number;
  @ApiProperty({ description: 'total × AI cost per conversation' }) aiCost!: number;
  @ApiProperty({ description: 'aiResolved × minutes / 60 × cost per hour − aiResolved × AI cost per conversation' }) savings!: number;
  @ApiProperty({ description: 'savings / aiCost × 100; 0 when aiCost is 0' }) roiPercentage!: number;
}
