import { BadRequestException, Controller, Get, Header, HttpStatus, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAuthService } from '@pulse/tenancy';
import type { Request } from 'express';
import type { TLSSocket } from 'node:tls';
import { requireKnownWriteKey } from './known-write-key';
import { publicOriginOf, segmentSettingsFor } from './segment-settings';

/**
 * Segment's CDN settings endpoint, so analytics.js loads with `cdnURL` set to Pulse and sends its events
 * back to the same host, with no request to Segment.
 */
@ApiTags('segment compatible')
@Controller('v1/projects')
export class SegmentSettingsController {
  constructor(private readonly auth: TenantAuthService) {}

  @Get(':writeKey/settings')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('Vary', 'Host, X-Forwarded-Host, X-Forwarded-Proto')
  @ApiOperation({ summary: "analytics.js project settings (its cdnURL): the Segment.io destination pointing at this host" })
  @ApiOkResponse({ description: 'Segment CDN settings' })
  async settings(@Param('writeKey') writeKey: string, @Req() request: Request): Promise<Record<string, unknown>> {
    await requireKnownWriteKey(this.auth, writeKey);
    const origin = publicOriginOf(request.headers, (request.socket as TLSSocket).encrypted === true);
    if (!origin) {
      throw new BadRequestException({
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        message: 'Host must name the host (and port) the browser reaches Pulse at',
        errors: [{ field: 'Host', rule: 'isHost', message: 'Host must name the host (and port) the browser reaches Pulse at' }],
      });
    }
    return segmentSettingsFor(writeKey, origin);
  }
}
