import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTENT_RANKINGS, type ContentRanking } from '@pulse/analytics-core';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';

export const MAX_CONTENT_LIST = 100;
export const DEFAULT_CONTENT_LIST = 10;
export const MAX_COMPARED_CONTENT = 10;
/** Trending needs some views to mean anything: 1 → 3 views is "+200 %" but says little. */
export const DEFAULT_TRENDING_MIN_VIEWS = 5;

/** A content id as content events carry it (contracts' IsIdentifier: 1–128 characters). */
export class ContentIdParams {
  @ApiProperty({ description: 'content_id as content events carry it', example: 'article-42' })
  @IsString()
  @Length(1, 128, { message: 'contentId must be 1 to 128 characters long' })
  contentId!: string;
}

class ContentListQuery extends LocalDateRangeQuery {
  @ApiPropertyOptional({ default: DEFAULT_CONTENT_LIST, minimum: 1, maximum: MAX_CONTENT_LIST })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_CONTENT_LIST, { message: `limit must be at most ${MAX_CONTENT_LIST}` })
  limit?: number;
}

export class ContentTopQuery extends ContentListQuery {
  @ApiPropertyOptional({ enum: CONTENT_RANKINGS, default: 'views', description: 'views, or engagement rate ((likes + shares + bookmarks + comments) / views)' })
  @IsOptional()
  @IsIn(CONTENT_RANKINGS, { message: `by must be one of ${CONTENT_RANKINGS.join(', ')}` })
  by?: ContentRanking;

  @ApiPropertyOptional({ default: 1, minimum: 1, description: 'Only items viewed at least this often in the range' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minViews must be a whole number' })
  @Min(1, { message: 'minViews must be at least 1' })
  minViews?: number;
}

export class ContentTrendingQuery extends ContentListQuery {
  @ApiPropertyOptional({ default: DEFAULT_TRENDING_MIN_VIEWS, minimum: 1, description: 'Only items viewed at least this often in the range' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minViews must be a whole number' })
  @Min(1, { message: 'minViews must be at least 1' })
  minViews?: number;
}

export class ContentCompareQuery extends LocalDateRangeQuery {
  @ApiProperty({ description: `2 to ${MAX_COMPARED_CONTENT} different content ids, comma-separated`, example: 'article-42,video-7', type: String })
  @IsDefined()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()) : value))
  @IsArray({ message: 'ids must be a comma-separated list' })
  @ArrayMinSize(2, { message: 'ids must name at least 2 content items' })
  @ArrayMaxSize(MAX_COMPARED_CONTENT, { message: `ids must name at most ${MAX_COMPARED_CONTENT} content items` })
  @ArrayUnique({ message: 'ids must not repeat a content id' })
  @IsString({ each: true })
  @Length(1, 128, { each: true, message: 'each of ids must be 1 to 128 characters long' })
  ids!: string[];
}
