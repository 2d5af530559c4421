import { HTTP_REQUEST_METRIC, type EndpointRequestCounts } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { toNullableNumber, toNumber, type AnalyticsWindow } from './analytics-window';

export type EndpointRequestCounters = EndpointRequestCounts;

export interface ServiceRequestCounters extends EndpointRequestCounters {
  service: string;
}

export interface EndpointGroupCounters extends ServiceRequestCounters {
  endpoint: string;
}

const STATUS = `e."properties"->'tags'->>'status'`;
/** metric_value when it is a number; percentile_cont and avg skip the nulls. */
const LATENCY = `(CASE WHEN jsonb_typeof(e."properties"->'metric_value') = 'number' THEN (e."properties"->>'metric_value')::double precision END)`;
const SERVICE = `coalesce(e."properties"->'tags'->>'service', 'unknown')`;
const ENDPOINT = `coalesce(e."properties"->'tags'->>'endpoint', 'unknown')`;

/** Status classes by pattern: tags are text, and "5xx" or "" must not fail a cast. */
const REQUEST_COLUMNS = `
  count(*) AS "requests",
  count(*) FILTER (WHERE ${STATUS} ~ '^5[0-9][0-9]$') AS "server_errors",
  count(*) FILTER (WHERE ${STATUS} ~ '^4[0-9][0-9]$') AS "client_errors",
  avg(${LATENCY}) AS "average",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${LATENCY}) AS "p50",
  percentile_cont(0.95) WITHIN GROUP (ORDER BY ${LATENCY}) AS "p95",
  percentile_cont(0.99) WITHIN GROUP (ORDER BY ${LATENCY}) AS "p99"`;

/**
 * Request and error rates and latency per service and endpoint (content spec `SystemAnalytics`,
 * `endpoint_stats`) from `system_metric` events named `http_request_duration_ms` (analytics-core's
 * HTTP_REQUEST_METRIC). One tenant, every value bound; `service` narrows to one service.
 */
export class SystemEndpointQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async total(window: AnalyticsWindow, service?: string): Promise<EndpointRequestCounters> {
    const scope = scoped(window, service);
    const [row] = await this.sql.query(`SELECT ${REQUEST_COLUMNS} FROM "events" e WHERE ${scope.where}`, scope.parameters);
    return countersOf(row);
  }

  /** Per service, busiest first. */
  async byService(window: AnalyticsWindow, service?: string): Promise<ServiceRequestCounters[]> {
    const scope = scoped(window, service);
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT ${SERVICE} AS "service", ${REQUEST_COLUMNS} FROM "events" e WHERE ${scope.where} GROUP BY 1 ORDER BY "requests" DESC, 1`,
      scope.parameters,
    );
    return rows.map((row) => ({ service: String(row['service']), ...countersOf(row) }));
  }

  /** Per service and endpoint, busiest first. */
  async byEndpoint(window: AnalyticsWindow, service?: string): Promise<EndpointGroupCounters[]> {
    const scope = scoped(window, service);
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT ${SERVICE} AS "service", ${ENDPOINT} AS "endpoint", ${REQUEST_COLUMNS}
         FROM "events" e WHERE ${scope.where}
        GROUP BY 1, 2
        ORDER BY "requests" DESC, 1, 2`,
      scope.parameters,
    );
    return rows.map((row) => ({ service: String(row['service']), endpoint: String(row['endpoint']), ...countersOf(row) }));
  }
}

function scoped(window: AnalyticsWindow, service?: string) {
  const parameters: unknown[] = [window.tenantId, window.start, window.end, HTTP_REQUEST_METRIC];
  const conditions = [`e."tenant_id" = $1`, `e."type" = 'system_metric'`, `e."occurred_at" >= $2`, `e."occurred_at" < $3`, `e."properties"->>'metric_name' = $4`];
  if (service !== undefined) {
    parameters.push(service);
    conditions.push(`e."properties"->'tags'->>'service' = $${parameters.length}`);
  }
  return { where: conditions.join(' AND '), parameters };
}

function countersOf(row: Record<string, unknown>): EndpointRequestCounters {
  return {
    requests: toNumber(row['requests']),
    serverErrors: toNumber(row['server_errors']),
    clientErrors: toNumber(row['client_errors']),
    averageLatencyMs: toNullableNumber(row['average']),
    latencyP50Ms: toNullableNumber(row['p50']),
    latencyP95Ms: toNullableNumber(row['p95']),
    latencyP99Ms: toNullableNumber(row['p99']),
  };
}
