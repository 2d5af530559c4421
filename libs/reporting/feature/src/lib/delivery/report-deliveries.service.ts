import { Injectable } from '@nestjs/common';
import { ReportDeliveryRepository, ReportRunRepository } from '@pulse/reporting-data-access';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { ReportDeliveryResponse } from './report-delivery.dto';

/** The deliveries of the authenticated tenant's runs; null: no such run of yours. */
@Injectable()
export class ReportDeliveriesService {
  constructor(
    private readonly runs: ReportRunRepository,
    private readonly deliveries: ReportDeliveryRepository,
  ) {}

  async list(tenant: AuthenticatedTenant, reportId: string, runId: string): Promise<ReportDeliveryResponse[] | null> {
    const run = await this.runs.find(tenant.id, reportId, runId);
    if (!run) return null;
    return (await this.deliveries.listForRun(tenant.id, run.id)).map((delivery) => ({
      id: delivery.id,
      channel: delivery.channel,
      target: delivery.target,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      attemptLog: delivery.attemptLog,
    }));
  }
}
