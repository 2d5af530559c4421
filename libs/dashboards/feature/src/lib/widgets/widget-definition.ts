import { validateQueryRequest, type QueryIssue } from '@pulse/analytics-core';
import type { WidgetDefinition, WidgetPosition } from '@pulse/dashboards-data-access';
import { validationIssuesOf } from '@pulse/observability';
import { FunnelQueryDto, funnelQueryIssues, RetentionQueryDto } from '@pulse/storage';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { metricWidgetRequest, metricWidgetTypeIssues, type MetricWidgetFrame } from './metric-widget-query';
import {
  WidgetAnomalyOptionsDto,
  WidgetForecastOptionsDto,
  WidgetLiveCounterQueryDto,
  WidgetMetricQueryDto,
  WidgetRoiQueryDto,
  WidgetTextOptionsDto,
} from './widget-query.dto';
import { GRID, isMetricWidgetType, type WidgetType } from './widget-types';

/** A widget's fields after the body's shape was checked (`WidgetDto`): query and options still free JSON. */
export interface WidgetRequest {
  type: string;
  title: string;
  query?: Record<string, unknown> | null;
  options?: Record<string, unknown>;
  position?: WidgetPosition;
  refreshSeconds?: number | null;
  order?: number;
}

export type WidgetDefinitionResult = { ok: true; definition: WidgetDefinition } | { ok: false; issues: QueryIssue[] };

/** Options are kept as given: a bound on their size keeps a dashboard's row small. */
const MAX_OPTIONS_JSON = 4_096;

/**
 * Turns a request into what is stored, refusing what could not be answered: a query of the wrong shape
 * for the type, one the engine rejects over the dashboard's range (`query.metric.field`…), a funnel whose
 * steps and exclusions do not fit, a text widget without text, a position off the grid.
 */
export function toWidgetDefinition(
  request: WidgetRequest,
  placement: { order: number; position: WidgetPosition },
  frame: MetricWidgetFrame & { timeZone: string },
): WidgetDefinitionResult {
  const type = request.type as WidgetType;
  const query = request.query ?? null;
  const options = request.options ?? {};
  const issues: QueryIssue[] = [...queryIssues(type, query, frame), ...optionIssues(type, options)];
  const position = request.position ?? placement.position;
  issues.push(...positionIssues(position));
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    definition: {
      type,
      title: request.title,
      query: type === 'text' ? null : query,
      options,
      position,
      refreshSeconds: request.refreshSeconds ?? null,
      order: request.order ?? placement.order,
    },
  };
}

function queryIssues(type: WidgetType, query: Record<string, unknown> | null, frame: MetricWidgetFrame & { timeZone: string }): QueryIssue[] {
  if (type === 'text') return query === null ? [] : [{ field: 'query', rule: 'notAllowed', message: 'a text widget has no query: its text is options.text' }];
  if (query === null) return [{ field: 'query', rule: 'isDefined', message: `query is required for a ${type} widget` }];
  if (isMetricWidgetType(type)) {
    const shape = shapeIssues(WidgetMetricQueryDto, query, 'query');
    if (shape.length > 0) return shape;
    const typeIssues = metricWidgetTypeIssues(type, query);
    if (typeIssues.length > 0) return typeIssues;
    // The engine's own rules over the dashboard's range, as `POST /v1/query` would check the same body.
    const validation = validateQueryRequest(metricWidgetRequest(type, query, frame), frame.timeZone);
    if (validation.ok) return [];
    return validation.issues.map((issue) => ({ ...issue, field: engineField(issue.field, query) }));
  }
  if (type === 'funnel') {
    const shape = shapeIssues(FunnelQueryDto, query, 'query');
    return shape.length > 0 ? shape : funnelQueryIssues(query as unknown as FunnelQueryDto, 'query');
  }
  if (type === 'retention_heatmap') return shapeIssues(RetentionQueryDto, query, 'query');
  if (type === 'conversation_roi') return shapeIssues(WidgetRoiQueryDto, query, 'query');
  return shapeIssues(WidgetLiveCounterQueryDto, query, 'query');
}

function optionIssues(type: WidgetType, options: Record<string, unknown>): QueryIssue[] {
  if (JSON.stringify(options).length > MAX_OPTIONS_JSON) {
    return [{ field: 'options', rule: 'maxSize', message: `options must be at most ${MAX_OPTIONS_JSON} characters of JSON` }];
  }
  // Only the keys the service reads are checked; the rest are the UI's drawing hints.
  const known = KNOWN_OPTIONS[type];
  if (!known) return [];
  const picked = Object.fromEntries(Object.entries(options).filter(([key]) => known.keys.includes(key)));
  return shapeIssues(known.dto, picked, 'options');
}

const KNOWN_OPTIONS: Partial<Record<WidgetType, { dto: ClassConstructor<object>; keys: string[] }>> = {
  text: { dto: WidgetTextOptionsDto, keys: ['text'] },
  anomaly_band: { dto: WidgetAnomalyOptionsDto, keys: ['method', 'sensitivity'] },
  forecast: { dto: WidgetForecastOptionsDto, keys: ['horizon'] },
};

function positionIssues(position: WidgetPosition): QueryIssue[] {
  if (position.x + position.w > GRID.columns) {
    return [{ field: 'position.w', rule: 'fitsGrid', message: `position.x + position.w must be at most ${GRID.columns} (the grid's columns)` }];
  }
  return [];
}

/** class-validator over a plain object, its issues named from `prefix` (`query.metric.type`); unknown keys refused. */
export function shapeIssues(dto: ClassConstructor<object>, value: unknown, prefix: string): QueryIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: prefix, rule: 'isObject', message: `${prefix} must be an object` }];
  }
  const errors = validateSync(plainToInstance(dto, value), { whitelist: true, forbidNonWhitelisted: true });
  return errors.flatMap((error) => validationIssuesOf(error, prefix));
}

/** The engine names fields of the whole request; a filter index past the widget's own is the dashboard's. */
function engineField(field: string, query: Record<string, unknown>): string {
  if (field === 'from' || field === 'to') return 'query.granularity';
  const own = Array.isArray(query['filters']) ? query['filters'].length : 0;
  const match = /^filters\[(\d+)\](.*)$/.exec(field);
  if (match && Number(match[1]) >= own) return `filters.properties[${Number(match[1]) - own}]${match[2]}`;
  return `query.${field}`;
}
