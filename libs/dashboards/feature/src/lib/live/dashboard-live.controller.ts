import { Controller, Get, Logger, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DashboardRepository, DashboardWidgetRepository } from '@pulse/dashboards-data-access';
import { LiveStateUnavailableFilter } from '@pulse/realtime';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant } from '@pulse/tenancy';
import type { Request, Response } from 'express';
import { dashboardNotFound } from '../dashboards/dashboards.controller';
import type { LiveMetric } from '../widgets/widget-types';
import { LiveStreams, type LiveEvent } from './live-streams';

/** A comment line every so often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/** `GET /v1/dashboards/:id/live`: the dashboard's live counters and the realtime overview as Server-Sent Events. */
@ApiTags('dashboards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@Controller('v1/dashboards/:id/live')
export class DashboardLiveController {
  private readonly logger = new Logger(DashboardLiveController.name);

  constructor(
    private readonly dashboards: DashboardRepository,
    private readonly widgets: DashboardWidgetRepository,
    private readonly streams: LiveStreams,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Live figures as Server-Sent Events',
    description:
      '`event: live` with `{ timestamp, overview, widgets: [{ id, metric, value }] }` at once, then whenever the tenant’s events are stored ' +
      '(at most once a second); `: heartbeat` comments every 15 s. Read it with fetch and the Authorization header.',
  })
  @ApiProduces('text/event-stream')
  @ApiNotFoundResponse()
  @ApiServiceUnavailableResponse({ description: 'The live-state cache (Redis) does not answer: no stream opened; see Retry-After' })
  @UseFilters(LiveStateUnavailableFilter)
  async stream(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const dashboard = await this.dashboards.find(tenant.id, id);
    if (!dashboard) dashboardNotFound(id);
    const counters = (await this.widgets.list(tenant.id, dashboard.id))
      .filter((widget) => widget.type === 'live_counter')
      .map((widget) => ({ id: widget.id, metric: (widget.query as { metric: LiveMetric }).metric }));

    // The headers go with the first figures: while the live state cannot be read, the answer is a 503 instead.
    let started = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const startStream = () => {
      if (started) return;
      started = true;
      heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
      response.status(200);
      response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      response.setHeader('Cache-Control', 'no-cache, no-transform');
      response.setHeader('Connection', 'keep-alive');
      // nginx buffers responses by default: a buffered stream would arrive in lumps.
      response.setHeader('X-Accel-Buffering', 'no');
      response.flushHeaders();
      response.write('retry: 3000\n\n');
    };

    let eventId = 0;
    const send = (event: LiveEvent) => {
      startStream();
      eventId += 1;
      response.write(`event: live\nid: ${eventId}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    let close: (() => void) | undefined;
    let closed = false;
    request.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      close?.();
    });
    try {
      close = await this.streams.open(tenant, { dashboardId: dashboard.id, counters, send: (event) => !closed && send(event) });
    } catch (error) {
      // Nothing was sent yet: the live state is unreadable (503 with Retry-After, by the filter) or the error is answered as any other.
      if (!started) throw error;
      clearInterval(heartbeat);
      this.logger.warn(`live stream of dashboard ${dashboard.id} not opened: ${(error as Error).message}`);
      response.end();
      return;
    }
    if (closed) {
      clearInterval(heartbeat);
      close();
      return;
    }
    startStream();
  }
}
