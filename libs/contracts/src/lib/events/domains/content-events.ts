import { IsOptional } from 'class-validator';
import {
  IsAmount,
  IsCount,
  IsIdentifier,
  IsOneOf,
  IsPlainObject,
  IsPositiveCount,
  IsRequired,
  IsText,
} from '../../validation/property-rules';

/**
 * Content events from the content analytics spec. Durations and positions are in seconds, as its
 * `average_view_duration` and watch-time metrics are; traffic sources are the four it counts.
 */

export const CONTENT_TRAFFIC_SOURCES = [
  'direct',
  'search',
  'recommendation',
  'external',
] as const;

export class ContentProperties {
  @IsRequired() @IsIdentifier() readonly content_id!: string;
  /** article, video, audio, podcast… */
  @IsOptional() @IsText(64) readonly content_type?: string;
  @IsOptional() @IsText(512) readonly title?: string;
  @IsOptional() @IsText() readonly category?: string;
  @IsOptional() @IsText(35) readonly language?: string;
}

export class ContentViewProperties extends ContentProperties {
  /** Length of the content itself. */
  @IsOptional() @IsAmount() readonly duration_seconds?: number;
  @IsOptional()
  @IsOneOf(CONTENT_TRAFFIC_SOURCES)
  readonly traffic_source?: (typeof CONTENT_TRAFFIC_SOURCES)[number];
}

/** content_play and content_pause: where in the stream it happened. */
export class ContentPlaybackProperties extends ContentProperties {
  @IsRequired() @IsAmount() readonly position_seconds!: number;
  @IsOptional() @IsAmount() readonly duration_seconds?: number;
  /** Seconds watched since the last play (on pause). */
  @IsOptional() @IsAmount() readonly watch_time_seconds?: number;
}

export class ContentCompleteProperties extends ContentProperties {
  @IsOptional() @IsAmount() readonly duration_seconds?: number;
  @IsOptional() @IsAmount() readonly watch_time_seconds?: number;
}

export class ContentShareProperties extends ContentProperties {
  /** email, whatsapp, x, copy_link… */
  @IsOptional() @IsText(64) readonly share_channel?: string;
}

export class ContentBookmarkProperties extends ContentProperties {}

export class SearchQueryProperties {
  @IsRequired() @IsText(1024) readonly query!: string;
  @IsOptional() @IsCount() readonly results_count?: number;
  @IsOptional() @IsPlainObject() readonly filters?: Record<string, unknown>;
}

export class SearchResultClickProperties {
  @IsRequired() @IsText(1024) readonly query!: string;
  @IsRequired() @IsIdentifier() readonly content_id!: string;
  /** 1-based rank of the clicked result. */
  @IsOptional() @IsPositiveCount() readonly position?: number;
}
