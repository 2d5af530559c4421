import { IsOptional } from 'class-validator';
import {
  IsFiniteNumber,
  IsOneOf,
  IsRequired,
  IsStringMap,
  IsText,
} from '../../validation/property-rules';

/** The analytics-engine spec's `MetricType`, all five values. */
export const METRIC_TYPES = [
  'counter',
  'gauge',
  'histogram',
  'summary',
  'rate',
] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/** One measurement, named as the analytics-engine spec's `SystemMetricEvent`. */
export class SystemMetricProperties {
  /** http_requests_total, queue.depth… (dots allowed: metric names are not event types). */
  @IsRequired() @IsText(256) readonly metric_name!: string;
  @IsRequired() @IsFiniteNumber() readonly metric_value!: number;
  @IsRequired() @IsOneOf(METRIC_TYPES) readonly metric_type!: MetricType;
  @IsOptional() @IsStringMap() readonly tags?: Record<string, string>;
  /** ms, bytes, percent… */
  @IsOptional() @IsText(32) readonly unit?: string;
}
