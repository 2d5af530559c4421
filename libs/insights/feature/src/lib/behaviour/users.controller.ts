import { Controller, Get, NotFoundException, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { assembleUserProfile, engagementWindowBoundaries } from '@pulse/analytics-core';
import { UserProfileQuery } from '@pulse/storage';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe, badRequest } from '@pulse/observability';
import { UserProfileQueryDto, UserProfileResponse } from './dto/user-profile.dto';

/** One person's profile: traits, activity, preferences and engagement. */
@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/users')
export class UsersController {
  constructor(private readonly profiles: UserProfileQuery) {}

  @Get(':id')
  @ApiOperation({ summary: "A person's profile, over every id linked to it (identify, alias); anon:<id> asks for an anonymous id" })
  @ApiOkResponse({ type: UserProfileResponse })
  @ApiNotFoundResponse({ description: 'No events for this person in this tenant' })
  async profile(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') personId: string, @Query() query: UserProfileQueryDto): Promise<UserProfileResponse> {
    if (personId.length < 1 || personId.length > 255) throw badRequest([{ field: 'id', rule: 'length', message: 'id must be 1 to 255 characters' }]);
    const boundaries = engagementWindowBoundaries(query.asOf ? new Date(query.asOf) : new Date(), tenant.timeZone).map((at) => new Date(at));
    const rows = await this.profiles.rows(tenant.id, personId, boundaries);
    if (rows.events === 0) throw new NotFoundException(`No events for user ${personId}`);
    const profile = assembleUserProfile(rows);
    return {
      personId,
      ...profile,
      engagement: { ...profile.engagement, windowStart: boundaries[0].toISOString(), windowEnd: boundaries[boundaries.length - 1].toISOString() },
    };
  }
}
