import { Inject, Injectable } from '@nestjs/common';
import { validateQueryRequest, type AlertCondition, type QueryIssue } from '@pulse/analytics-core';
import {
  AlertNotificationRepository,
  AlertRuleRepository,
  type AlertRuleDefinition,
  type StoredAlertNotification,
  type StoredAlertRule,
} from '@pulse/ml-data-access';
import { badRequest } from '@pulse/observability';
import { DATA_SOURCE } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { AlertNotifier } from './alert-notifier';
import type { AlertRuleDto } from './alert-rule.dto';
import { watchesTheSame } from './alert-rule-edit';
import type { AlertNotificationResponse, AlertRuleResponse, CreatedAlertRuleResponse } from './alert-rule-response.dto';
import { ALERTS_CLOCK, type AlertsClock } from './alerts-clock';
import { ALERT_BUCKET_MS, watchedLineIssues, watchedQueryOf, type WatchedQuery } from './watched-metric';
import { newWebhookSecret, pointsAtService, type ServiceAddress } from '@pulse/platform';

/** Alert rules of one tenant: checked (400 naming the field), stored, shown without their secret, deleted. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly notifications: AlertNotificationRepository,
    private readonly notifier: AlertNotifier,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ALERTS_CLOCK) private readonly clock: AlertsClock,
  ) {}

  async create(tenant: AuthenticatedTenant, body: AlertRuleDto, service: ServiceAddress): Promise<CreatedAlertRuleResponse> {
    const rule = await this.rules.create(tenant.id, this.definitionOf(tenant, body, service), newWebhookSecret());
    return { ...responseOf(rule), webhookSecret: rule.webhookSecret };
  }

  async list(tenant: AuthenticatedTenant): Promise<AlertRuleResponse[]> {
    return (await this.rules.list(tenant.id)).map(responseOf);
  }

  async find(tenant: AuthenticatedTenant, id: string): Promise<AlertRuleResponse | null> {
    const rule = await this.rules.find(tenant.id, id);
    return rule === null ? null : responseOf(rule);
  }

  /**
   * An edit that keeps what the rule watches (`watchesTheSame`) keeps its open incident; any other ends
   * it, notified once as `alert.recovered` with `reason: 'rule_changed'`, in the same transaction as the edit.
   */
  async replace(tenant: AuthenticatedTenant, id: string, body: AlertRuleDto, service: ServiceAddress): Promise<AlertRuleResponse | null> {
    if ((await this.rules.find(tenant.id, id)) === null) return null;
    const definition = this.definitionOf(tenant, body, service);
    const rule = await this.dataSource.transaction(async (manager) => {
      const rules = new AlertRuleRepository(manager);
      const previous = await rules.findForUpdate(tenant.id, id);
      if (previous === null) return null;
      const keepsIncident = watchesTheSame(previous, definition);
      if (!keepsIncident) {
        const timeZone = (previous.query as WatchedQuery).timeZone ?? tenant.timeZone;
        await this.notifier.closeIncidentOfEdit(previous, timeZone, new AlertNotificationRepository(manager));
      }
      return rules.update(tenant.id, id, definition, { keepsIncident });
    });
    this.notifier.wakeDeliveries();
    return rule === null ? null : responseOf(rule);
  }

  delete(tenant: AuthenticatedTenant, id: string): Promise<boolean> {
    return this.rules.delete(tenant.id, id);
  }

  /** Null when the tenant has no such rule. */
  async history(tenant: AuthenticatedTenant, id: string, page: { limit: number; before?: Date }): Promise<AlertNotificationResponse[] | null> {
    if ((await this.rules.find(tenant.id, id)) === null) return null;
    return (await this.notifications.history(tenant.id, id, page)).map(notificationResponseOf);
  }

  /** The checks the DTO cannot make: the query against the engine's rules, one watched line, the webhook not this service. */
  private definitionOf(tenant: AuthenticatedTenant, body: AlertRuleDto, service: ServiceAddress): AlertRuleDefinition {
    const condition = conditionOf(body);
    const query = watchedQueryOf(body.query as WatchedQuery);
    const issues: QueryIssue[] = [...this.queryIssues(tenant, query, body.granularity), ...watchedLineIssues(query)];
    if (pointsAtService(new URL(body.webhookUrl), service)) {
      issues.push({
        field: 'webhookUrl',
        rule: 'isNotThisService',
        message: 'webhookUrl must not point at this service itself (its own host and port)',
      });
    }
    if (issues.length > 0) throw badRequest(issues);
    return {
      name: body.name,
      query: query as Record<string, unknown>,
      condition,
      granularity: body.granularity,
      cooldownSeconds: body.cooldownSeconds ?? 0,
      webhookUrl: body.webhookUrl,
      enabled: body.enabled ?? true,
    };
  }

  /**
   * The engine's own checks on the latest bucket, every field named under `query.` (the bucket cap does not
   * apply: an anomaly rule's history is read in chunks).
   */
  private queryIssues(tenant: AuthenticatedTenant, query: WatchedQuery, granularity: AlertRuleDto['granularity']): QueryIssue[] {
    const to = Math.floor(this.clock() / ALERT_BUCKET_MS.minute) * ALERT_BUCKET_MS.minute;
    const from = to - ALERT_BUCKET_MS[granularity];
    const validation = validateQueryRequest(
      { ...query, from: new Date(from).toISOString(), to: new Date(to).toISOString(), granularity },
      tenant.timeZone,
    );
    if (validation.ok) return [];
    return validation.issues.map((issue) => ({
      field: `query.${issue.field}`,
      rule: issue.rule,
      message: issue.message.startsWith(issue.field) ? `query.${issue.message}` : issue.message,
    }));
  }
}

function conditionOf(body: AlertRuleDto): AlertCondition {
  const { condition } = body;
  if (condition.kind === 'threshold') return { kind: 'threshold', operator: condition.operator ?? 'above', value: condition.value ?? 0 };
  return { kind: 'anomaly', method: condition.method ?? 'auto', sensitivity: condition.sensitivity ?? 0.5 };
}

function responseOf(rule: StoredAlertRule): AlertRuleResponse {
  return {
    id: rule.id,
    name: rule.name,
    query: rule.query,
    condition: { ...rule.condition },
    granularity: rule.granularity,
    cooldownSeconds: rule.cooldownSeconds,
    webhookUrl: rule.webhookUrl,
    enabled: rule.enabled,
    state: rule.openIncident === null ? 'ok' : 'firing',
    openIncident: rule.openIncident === null ? null : { id: rule.openIncident.id, startedAt: new Date(rule.openIncident.startedAt).toISOString() },
    lastEvaluatedBucket: rule.lastEvaluatedBucket?.toISOString() ?? null,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

function notificationResponseOf(notification: StoredAlertNotification): AlertNotificationResponse {
  return {
    id: notification.id,
    incidentId: notification.incidentId,
    kind: notification.kind,
    status: notification.status,
    incidentStartedAt: notification.incidentStartedAt.toISOString(),
    bucketStart: notification.bucketStart.toISOString(),
    attempts: notification.attempts,
    attemptLog: notification.attemptLog,
    lastError: notification.lastError,
    nextAttemptAt: notification.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: notification.deliveredAt?.toISOString() ?? null,
    payload: notification.payload,
    createdAt: notification.createdAt.toISOString(),
  };
}
