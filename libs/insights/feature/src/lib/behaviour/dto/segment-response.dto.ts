import { ApiProperty } from '@nestjs/swagger';
import type { SegmentDefinition } from '@pulse/analytics-core';
import { SegmentDefinitionDto } from './segment-request.dto';

export class SegmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: SegmentDefinitionDto }) definition!: SegmentDefinition;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class SegmentListResponse {
  @ApiProperty({ type: [SegmentResponse], description: 'By name' }) segments!: SegmentResponse[];
}
