import { Inject, Injectable } from '@nestjs/common';
import type { QueryIssue } from '@pulse/analytics-core';
import { badRequest } from '@pulse/observability';
import { newWebhookSecret, pointsAtService, type ServiceAddress } from '@pulse/platform';
import { ReportRepository, ReportScheduleRepository, type ReportScheduleDefinition, type StoredReportSchedule } from '@pulse/reporting-data-access';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { REPORT_GENERATION_OPTIONS, type ReportGenerationOptions } from '../generation/report-generation-options';
import { checkCronExpression, nextOccurrence } from './cron-schedule';
import type { CreatedReportScheduleResponse, ReportScheduleDto, ReportScheduleResponse } from './report-schedule.dto';

/** Schedules of the authenticated tenant's reports; null answers "no such report or schedule of yours" (404). */
@Injectable()
export class ReportSchedulesService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly schedules: ReportScheduleRepository,
    @Inject(REPORT_GENERATION_OPTIONS)
    private readonly options: Pick<ReportGenerationOptions, 'now'>,
  ) {}

  async create(
    tenant: AuthenticatedTenant,
    reportId: string,
    body: ReportScheduleDto,
    service: ServiceAddress,
  ): Promise<CreatedReportScheduleResponse | null> {
    if (!(await this.reports.find(tenant.id, reportId))) return null;
    const definition = this.definitionOf(tenant, body, service);
    const secret = definition.webhookUrl ? newWebhookSecret() : null;
    const schedule = await this.schedules.create(tenant.id, reportId, definition, secret);
    return {
      ...toScheduleResponse(schedule, tenant),
      ...(secret ? { webhookSecret: secret } : {}),
    };
  }

  async list(tenant: AuthenticatedTenant, reportId: string): Promise<ReportScheduleResponse[] | null> {
    if (!(await this.reports.find(tenant.id, reportId))) return null;
    return (await this.schedules.list(tenant.id, reportId)).map((schedule) => toScheduleResponse(schedule, tenant));
  }

  async find(tenant: AuthenticatedTenant, reportId: string, id: string): Promise<ReportScheduleResponse | null> {
    const schedule = await this.schedules.find(tenant.id, reportId, id);
    return schedule ? toScheduleResponse(schedule, tenant) : null;
  }

  /** Replaces the schedule; the webhook secret is kept (a first webhook gets one, shown in this answer). */
  async replace(
    tenant: AuthenticatedTenant,
    reportId: string,
    id: string,
    body: ReportScheduleDto,
    service: ServiceAddress,
  ): Promise<CreatedReportScheduleResponse | null> {
    const existing = await this.schedules.find(tenant.id, reportId, id);
    if (!existing) return null;
    const definition = this.definitionOf(tenant, body, service);
    const secret = definition.webhookUrl ? (existing.webhookSecret ?? newWebhookSecret()) : existing.webhookSecret;
    const schedule = await this.schedules.replace(tenant.id, reportId, id, definition, secret);
    if (!schedule) return null;
    const isNew = secret !== null && secret !== existing.webhookSecret;
    return {
      ...toScheduleResponse(schedule, tenant),
      ...(isNew ? { webhookSecret: secret } : {}),
    };
  }

  delete(tenant: AuthenticatedTenant, reportId: string, id: string): Promise<boolean> {
    return this.schedules.delete(tenant.id, reportId, id);
  }

  private definitionOf(tenant: AuthenticatedTenant, body: ReportScheduleDto, service: ServiceAddress): ReportScheduleDefinition {
    const now = this.options.now();
    const issues: QueryIssue[] = [];
    const check = checkCronExpression(body.cron, tenant.timeZone, now);
    if (!check.ok) issues.push(...check.issues);
    if (body.webhookUrl && pointsAtService(new URL(body.webhookUrl), service)) {
      issues.push({
        field: 'webhookUrl',
        rule: 'isNotThisService',
        message: 'webhookUrl must not point at this service itself (its own host and port)',
      });
    }
    if (issues.length > 0) throw badRequest(issues);
    const enabled = body.enabled ?? true;
    return {
      cron: body.cron.trim(),
      enabled,
      period: body.period ?? null,
      recipients: body.recipients ?? [],
      webhookUrl: body.webhookUrl ?? null,
      nextRunAt: enabled ? nextOccurrence(body.cron, tenant.timeZone, now) : null,
    };
  }
}

function toScheduleResponse(schedule: StoredReportSchedule, tenant: AuthenticatedTenant): ReportScheduleResponse {
  return {
    id: schedule.id,
    reportId: schedule.reportId,
    cron: schedule.cron,
    timeZone: tenant.timeZone,
    enabled: schedule.enabled,
    period: schedule.period,
    recipients: schedule.recipients,
    webhookUrl: schedule.webhookUrl,
    nextRunAt: schedule.nextRunAt?.toISOString() ?? null,
    lastRunAt: schedule.lastRunAt?.toISOString() ?? null,
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}
