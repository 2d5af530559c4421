import { Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TenantAuthService } from '@pulse/tenancy';
import type { Request, Response } from 'express';
import { requireKnownWriteKey } from './known-write-key';
import { PostHogBundle } from './posthog-bundle';
import { emptyFeatureFlags, POSTHOG_REMOTE_CONFIG, postHogRemoteConfigScript, versionOf } from './posthog-remote-config';

/** Browsers keep the bundle and the config an hour: an upgrade of Pulse reaches every page within that. */
const CACHE_FOR_AN_HOUR = 'public, max-age=3600';

/**
 * What posthog-js fetches besides the capture routes, so that PostHog's standard snippet, pointed at
 * Pulse (`api_host`), loads and runs: the SDK bundle, the project's remote config, and feature flags,
 * of which Pulse has none.
 */
@ApiTags('posthog compatible')
@Controller()
export class PostHogSdkController {
  constructor(
    private readonly auth: TenantAuthService,
    private readonly bundle: PostHogBundle,
  ) {}

  @Get('static/array.js')
  @ApiOperation({ summary: "posthog-js's browser bundle, the script PostHog's snippet loads (from Pulse's own posthog-js)" })
  @ApiProduces('application/javascript')
  async arrayJs(@Req() request: Request, @Res() response: Response): Promise<void> {
    const bundle = await this.bundle.read();
    const gzipped = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    response.setHeader('Content-Type', 'application/javascript; charset=utf-8');
    response.setHeader('Cache-Control', CACHE_FOR_AN_HOUR);
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('X-PostHog-Js-Version', bundle.version);
    if (gzipped) response.setHeader('Content-Encoding', 'gzip');
    response.status(HttpStatus.OK).end(gzipped ? bundle.gzipped : bundle.plain);
  }

  @Get('array/:writeKey/config')
  @Header('Cache-Control', CACHE_FOR_AN_HOUR)
  @ApiOperation({ summary: "The project's posthog-js remote config: events only (no flags, replay, surveys)" })
  @ApiOkResponse({ description: 'posthog-js RemoteConfig' })
  async config(@Param('writeKey') writeKey: string): Promise<typeof POSTHOG_REMOTE_CONFIG> {
    await requireKnownWriteKey(this.auth, writeKey);
    return POSTHOG_REMOTE_CONFIG;
  }

  @Get('array/:writeKey/config.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', CACHE_FOR_AN_HOUR)
  @ApiOperation({ summary: 'The same remote config as the script posthog-js loads first' })
  @ApiProduces('application/javascript')
  async configScript(@Param('writeKey') writeKey: string): Promise<string> {
    await requireKnownWriteKey(this.auth, writeKey);
    return postHogRemoteConfigScript(writeKey);
  }

  @Post(['flags', 'decide'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Feature flags (posthog-js posts /flags/?v=2, older versions /decide): always none' })
  @ApiQuery({ name: 'v', required: false, description: '2 or more on /flags (4 on /decide): flag details; older: the featureFlags map' })
  @ApiOkResponse({ description: '{ flags: {}, errorsWhileComputingFlags: false, … } or { featureFlags: {}, featureFlagPayloads: {}, … }' })
  evaluateFlags(@Req() request: Request, @Query('v') v: unknown): Record<string, unknown> {
    return flagsAnswerFor(request.path, versionOf(v));
  }

  @Get(['flags', 'decide'])
  @ApiOperation({ summary: 'Feature flags, by GET: always none' })
  @ApiQuery({ name: 'v', required: false })
  readFlags(@Req() request: Request, @Query('v') v: unknown): Record<string, unknown> {
    return flagsAnswerFor(request.path, versionOf(v));
  }
}

/** `/decide` is the older endpoint: flags with the remote config, flag details from v=4; `/flags` has details from v=2. */
function flagsAnswerFor(path: string, version: number): Record<string, unknown> {
  if (!path.toLowerCase().startsWith('/decide')) return emptyFeatureFlags(version >= 2);
  return { ...POSTHOG_REMOTE_CONFIG, config: { enable_collect_everything: true }, ...emptyFeatureFlags(version >= 4) };
}
