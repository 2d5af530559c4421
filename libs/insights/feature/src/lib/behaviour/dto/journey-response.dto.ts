import { ApiProperty } from '@nestjs/swagger';
import type { PathLink, PathNode, SessionSummary } from '@pulse/analytics-core';

export class SessionSummaryResponse implements SessionSummary {
  @ApiProperty({ example: 120 }) sessions!: number;
  @ApiProperty({ description: 'Mean of last − first event per session', nullable: true, type: Number }) averageDurationSeconds!: number | null;
  @ApiProperty({ description: 'Sessions with one event / sessions', nullable: true, type: Number }) bounceRate!: number | null;
}

export class JourneyEventResponse {
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ nullable: true, type: String }) sessionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) anonymousId!: string | null;
  @ApiProperty({ nullable: true, type: String }) deviceType!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) properties!: Record<string, unknown>;
}

export class JourneyResponse {
  @ApiProperty({ description: 'The id asked for; events of every id linked to it are included' }) personId!: string;
  @ApiProperty({ type: [JourneyEventResponse], description: 'Oldest first' }) events!: JourneyEventResponse[];
  @ApiProperty({ description: 'More events exist in the range than the limit' }) truncated!: boolean;
  @ApiProperty({ type: SessionSummaryResponse, description: 'Over the events returned' }) sessions!: SessionSummaryResponse;
}

export class PathNodeResponse implements PathNode {
  @ApiProperty({ description: 'Distance from the anchor (negative: before it)' }) step!: number;
  @ApiProperty() eventType!: string;
  @ApiProperty() users!: number;
}

export class PathLinkResponse implements PathLink {
  @ApiProperty() sourceStep!: number;
  @ApiProperty() sourceEventType!: string;
  @ApiProperty() targetStep!: number;
  @ApiProperty() targetEventType!: string;
  @ApiProperty() users!: number;
}

export class PathsResponse {
  @ApiProperty({ type: [PathNodeResponse] }) nodes!: PathNodeResponse[];
  @ApiProperty({ type: [PathLinkResponse] }) links!: PathLinkResponse[];
}
