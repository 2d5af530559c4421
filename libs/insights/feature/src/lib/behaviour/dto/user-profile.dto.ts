import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { UserProfile } from '@pulse/analytics-core';
import { IsISO8601, IsOptional } from 'class-validator';

export class UserProfileQueryDto {
  @ApiPropertyOptional({ description: 'The moment engagement is measured at (its 30 local days end with this day); now when absent', example: '2026-03-31T12:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class EventTypeCountResponse {
  @ApiProperty() eventType!: string;
  @ApiProperty() count!: number;
}

export class EngagementResponse {
  @ApiProperty({ description: 'Distinct local days with an event in the window' }) activeDays!: number;
  @ApiProperty() sessions!: number;
  @ApiProperty() events!: number;
  @ApiProperty({ description: '40 × min(activeDays/20, 1) + 30 × min(sessions/30, 1) + 30 × min(events/300, 1); not rounded', example: 43.1 }) score!: number;
  @ApiProperty({ description: 'First instant of the 30-day window' }) windowStart!: string;
  @ApiProperty({ description: 'End of the window (exclusive): the midnight after asOf’s local day' }) windowEnd!: string;
}

export class UserProfileResponse implements Omit<UserProfile, 'engagement'> {
  @ApiProperty({ description: 'The id asked for; events of every id linked to it count' }) personId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Latest value of each trait from identify events (traits_set_once fills only unset traits)' }) traits!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) firstSeen!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSeen!: string | null;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ description: 'Distinct session ids' }) sessionCount!: number;
  @ApiProperty({ type: [EventTypeCountResponse], description: 'Top 20, most frequent first' }) eventTypes!: EventTypeCountResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: "Most frequent channel over the person's events: context.campaign.source, else the referrer's host, else the channel property (conversations)",
  })
  preferredChannel!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Most frequent device_type' }) preferredDevice!: string | null;
  @ApiProperty({ type: EngagementResponse }) engagement!: EngagementResponse;
}
