import { ApiProperty } from '@nestjs/swagger';
import type { ContentPerformance, TrendingContent } from '@pulse/analytics-core';
import { DateRangeResponse } from '../shared/date-range.response';

export class ContentPerformanceResponse implements ContentPerformance {
  @ApiProperty({ description: 'content_view events' }) views!: number;
  @ApiProperty({ description: 'Distinct persons who viewed' }) uniqueViews!: number;
  @ApiProperty({ description: 'Σ watch_time_seconds of content_pause and content_complete' }) watchTimeSeconds!: number;
  @ApiProperty({ description: 'watchTimeSeconds / views' }) averageViewDurationSeconds!: number;
  @ApiProperty({ description: 'content_complete events' }) completions!: number;
  @ApiProperty({ description: 'completions / views' }) completionRate!: number;
  @ApiProperty() shares!: number;
  @ApiProperty() bookmarks!: number;
  @ApiProperty({ description: 'content_like events, when sent' }) likes!: number;
  @ApiProperty({ description: 'content_comment events, when sent' }) comments!: number;
  @ApiProperty({ description: 'likes + shares + bookmarks + comments' }) engagementActions!: number;
  @ApiProperty({ description: 'engagementActions / views' }) engagementRate!: number;
}

export class ContentItemResponse extends ContentPerformanceResponse {
  @ApiProperty({ example: 'article-42' }) contentId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The latest title its events reported' }) title!: string | null;
}

export class ContentViewSliceResponse {
  @ApiProperty({ example: 'search' }) key!: string;
  @ApiProperty() views!: number;
  @ApiProperty({ description: "This slice's part of the views" }) share!: number;
}

export class ContentHourResponse {
  @ApiProperty({ description: 'Local hour, 0–23' }) hour!: number;
  @ApiProperty() views!: number;
  @ApiProperty({ description: "This hour's part of the views" }) share!: number;
}

/** Where the views came from, on what, and when in the tenant's day. */
export class ContentAudienceResponse {
  @ApiProperty({ type: [ContentViewSliceResponse], description: 'direct, search, recommendation, external (always), then others such as unknown' })
  trafficSources!: ContentViewSliceResponse[];
  @ApiProperty({ type: [ContentViewSliceResponse], description: 'desktop, mobile, tablet (always), then others such as bot or unknown' })
  devices!: ContentViewSliceResponse[];
  @ApiProperty({ type: [ContentHourResponse], description: 'All 24 local hours of the day' }) hours!: ContentHourResponse[];
}

export class ContentOverviewResponse extends ContentAudienceResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: ContentPerformanceResponse, description: 'All content together' }) total!: ContentPerformanceResponse;
  @ApiProperty({ description: 'Content items with any content event in the range' }) contentItems!: number;
}

export class ContentDetailResponse extends ContentAudienceResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: ContentItemResponse, description: 'Zeros when the item had no events in the range' }) content!: ContentItemResponse;
}

export class ContentTopResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ enum: ['views', 'engagement'] }) by!: string;
  @ApiProperty() minViews!: number;
  @ApiProperty({ type: [ContentItemResponse] }) items!: ContentItemResponse[];
}

export class TrendingContentResponse implements TrendingContent {
  @ApiProperty() contentId!: string;
  @ApiProperty() views!: number;
  @ApiProperty({ description: 'Views in the previous period of the same length' }) previousViews!: number;
  @ApiProperty({ description: '(views − previousViews) / previousViews; 1.0 when previousViews is 0' }) growthRate!: number;
}

export class ContentTrendingResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: DateRangeResponse }) previousDateRange!: DateRangeResponse;
  @ApiProperty() minViews!: number;
  @ApiProperty({ type: [TrendingContentResponse], description: 'Fastest-growing first' }) items!: TrendingContentResponse[];
}

export class ContentComparisonResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: [ContentItemResponse], description: 'In the order asked; zeros for an item without events' }) items!: ContentItemResponse[];
}
