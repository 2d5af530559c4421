import { ApiProperty } from '@nestjs/swagger';
import type { ActiveSessions, ActiveUsers, RealtimeOverview, TodayConversions } from '@pulse/realtime';

export class ActiveUsersResponse implements ActiveUsers {
  @ApiProperty({ description: 'Distinct users with an event in the last 5 minutes', example: 12 })
  last5Minutes!: number;

  @ApiProperty({ description: 'Distinct users with an event in the last 30 minutes', example: 48 })
  last30Minutes!: number;
}

export class ActiveSessionsResponse implements ActiveSessions {
  @ApiProperty({ description: 'Sessions whose last event is at most 5 minutes old', example: 10 })
  last5Minutes!: number;

  @ApiProperty({ description: 'Sessions not yet ended by the 30-minute inactivity gap', example: 40 })
  last30Minutes!: number;
}

export class ConversionsResponse implements TodayConversions {
  @ApiProperty({ description: "The tenant's local date", example: '2025-03-12' })
  today!: string;

  @ApiProperty({ description: 'Distinct users with any event today (HyperLogLog estimate on Redis, ±0.81 %)', example: 300 })
  visitors!: number;

  @ApiProperty({ description: 'Distinct users with a purchase today (same estimate)', example: 9 })
  buyers!: number;

  @ApiProperty({ description: 'Purchase events today', example: 11 })
  orders!: number;

  @ApiProperty({ description: "Today's revenue in the tenant's currency (orders in other currencies are counted, not summed)", example: 1024.5 })
  revenue!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ description: 'buyers / visitors, a fraction', example: 0.03 })
  conversionRate!: number;

  @ApiProperty({ description: 'revenue / orders', example: 93.14 })
  averageOrderValue!: number;
}

export class RealtimeOverviewResponse extends ConversionsResponse implements RealtimeOverview {
  @ApiProperty({ description: 'When the figures were read', example: '2025-03-12T15:00:00.000Z' })
  timestamp!: string;

  @ApiProperty({ description: "The tenant's time zone: today is its local day", example: 'Europe/Berlin' })
  timeZone!: string;

  @ApiProperty({ type: ActiveUsersResponse })
  activeUsers!: ActiveUsersResponse;

  @ApiProperty({ type: ActiveSessionsResponse })
  activeSessions!: ActiveSessionsResponse;

  @ApiProperty({ description: 'Events today (tenant-local day)', example: 5120 })
  eventsToday!: number;
}
