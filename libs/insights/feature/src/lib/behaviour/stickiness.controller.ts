import { Body, Controller, HttpCode, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { assembleStickiness, MAX_STICKINESS_WEEKS, stickinessDayBoundaries } from '@pulse/analytics-core';
import { StickinessQuery } from '@pulse/storage';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import { requestValidationPipe, badRequest } from '@pulse/observability';
import { StickinessRequestDto, StickinessResponse } from './dto/stickiness.dto';

const DAY_MS = 86_400_000;

@ApiTags('stickiness')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/stickiness')
export class StickinessController {
  constructor(private readonly stickiness: StickinessQuery) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "How many persons were active 1, 2 … 7 days of each ISO week, in the tenant's local days",
    description: 'Weeks run Monday to Sunday; days begin at local midnight (a DST day lasts 23 or 25 hours). dauOverWau = mean DAU / WAU.',
  })
  @ApiOkResponse({ type: StickinessResponse })
  async weeklyStickiness(@CurrentTenant() tenant: AuthenticatedTenant, @Body() request: StickinessRequestDto): Promise<StickinessResponse> {
    const from = mondayOf(request.from, 'from');
    const to = mondayOf(request.to, 'to');
    const weeks = Math.round((to.getTime() - from.getTime()) / (7 * DAY_MS));
    if (weeks < 1) throw badRequest([{ field: 'to', rule: 'isAfterFrom', message: 'to must be a Monday after from' }]);
    if (weeks > MAX_STICKINESS_WEEKS) throw badRequest([{ field: 'to', rule: 'maxWeeks', message: `to must be at most ${MAX_STICKINESS_WEEKS} weeks after from` }]);
    const boundaries = stickinessDayBoundaries({ year: from.getUTCFullYear(), month: from.getUTCMonth() + 1, day: from.getUTCDate() }, weeks, tenant.timeZone);
    const counts = await this.stickiness.counts(tenant.id, {
      boundaries: boundaries.map((at) => new Date(at)),
      event: request.eventType === undefined ? undefined : { eventType: request.eventType },
    });
    return { timeZone: tenant.timeZone, ...assembleStickiness(boundaries, counts, tenant.timeZone) };
  }
}

/** The calendar date as a UTC midnight, or a 400 naming the field when it does not exist or is not a Monday. */
function mondayOf(value: string, field: 'from' | 'to'): Date {
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw badRequest([{ field, rule: 'isCalendarDate', message: `${field} must be a day that exists in the calendar` }]);
  }
  if (date.getUTCDay() !== 1) throw badRequest([{ field, rule: 'isMonday', message: `${field} must be a Monday (weeks are whole ISO weeks)` }]);
  return date;
}
