import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsString, Length } from 'class-validator';

export const MAX_ERASED_USERS_PER_REQUEST = 1000;

export class EraseUsersDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_ERASED_USERS_PER_REQUEST, example: ['user-42', 'user-43'] })
  @IsDefined({ message: '$property is required' })
  @IsArray({ message: '$property must be an array of user ids' })
  @ArrayMinSize(1, { message: '$property must name at least one user id' })
  @ArrayMaxSize(MAX_ERASED_USERS_PER_REQUEST, { message: `$property must name at most ${MAX_ERASED_USERS_PER_REQUEST} user ids` })
  @IsString({ each: true, message: 'each of $property must be a string' })
  @Length(1, 255, { each: true, message: 'each of $property must be 1 to 255 characters' })
  userIds!: string[];
}

export class ErasedCountsResponse {
  @ApiProperty({ description: 'Raw events deleted' }) events!: number;
  @ApiProperty() identityLinks!: number;
  @ApiProperty({ description: 'Session states (user_sessions rows)' }) sessions!: number;
  @ApiProperty() firstSeen!: number;
  @ApiProperty() activeDays!: number;
  @ApiProperty({ description: "Records removed from the funnels' event-time chunks" }) eventTimeRecords!: number;
  @ApiProperty() personIds!: number;
  @ApiProperty({ description: 'Rollup rows corrected (counts, sums, histograms, unique users, min/max)' }) rollupsUpdated!: number;
  @ApiProperty({ description: 'Rollup rows deleted (only the removed events fed them)' }) rollupsDeleted!: number;
  @ApiProperty({ description: "Entries removed from the rollups' user lists" }) rollupUsers!: number;
  @ApiProperty({ description: 'Conversations recomputed from their remaining events (or deleted)' }) conversations!: number;
  @ApiProperty({ description: 'Daily conversation customer entries removed' }) conversationCustomers!: number;
  @ApiProperty({ description: 'Quarantined (rejected) events holding one of the ids, deleted' }) quarantinedEvents!: number;
  @ApiProperty({
    type: [String],
    description:
      'Report runs whose sections group or filter by a person field over the erased days: queued again, their files regenerated without the person',
  })
  reportRuns!: string[];
}

export class UserErasureResultResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: [String], description: 'The id and every id identity links join to it (anonymous ids, aliases)' }) linkedIds!: string[];
  @ApiProperty({ type: ErasedCountsResponse, description: 'All zero when nothing of the person was stored (e.g. erased before)' })
  erased!: ErasedCountsResponse;
  @ApiProperty({ description: "Ids added to the tenant's suppression list" }) suppressedIds!: number;
  @ApiProperty({ description: 'The audit entry (GET /v1/admin/audit)' }) auditId!: string;
}

export class UserErasureResponse extends UserErasureResultResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['rebuilt', 'unchanged', 'failed'], description: "The tenant's live state: rebuilt from PostgreSQL after the erase" })
  liveState!: 'rebuilt' | 'unchanged' | 'failed';
}

export class BulkUserErasureResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ type: [UserErasureResultResponse], description: 'One per requested user id, in request order' })
  results!: UserErasureResultResponse[];
  @ApiProperty({ enum: ['rebuilt', 'unchanged', 'failed'] }) liveState!: 'rebuilt' | 'unchanged' | 'failed';
}
