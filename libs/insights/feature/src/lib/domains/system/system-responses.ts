import { ApiProperty } from '@nestjs/swagger';
import { HTTP_REQUEST_METRIC, type EndpointRequestSummary } from '@pulse/analytics-core';
import { DateRangeResponse } from '../shared/date-range.response';

export class EndpointRequestSummaryResponse implements EndpointRequestSummary {
  @ApiProperty({ description: `${HTTP_REQUEST_METRIC} metrics: one per request` }) requests!: number;
  @ApiProperty({ description: 'requests / minutes in the range' }) requestsPerMinute!: number;
  @ApiProperty({ description: 'tags.status 500–599' }) serverErrors!: number;
  @ApiProperty({ description: 'tags.status 400–499 (not part of errorRate)' }) clientErrors!: number;
  @ApiProperty({ description: 'serverErrors / requests' }) errorRate!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean metric_value (ms)' }) averageLatencyMs!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'percentile_cont(0.5) of metric_value (ms)' }) latencyP50Ms!: number | null;
  @ApiProperty({ nullable: true, type: Number }) latencyP95Ms!: number | null;
  @ApiProperty({ nullable: true, type: Number }) latencyP99Ms!: number | null;
}

export class ServiceRequestsResponse extends EndpointRequestSummaryResponse {
  @ApiProperty({ example: 'checkout-api', description: "tags.service, 'unknown' when missing" }) service!: string;
}

export class EndpointRequestsResponse extends ServiceRequestsResponse {
  @ApiProperty({ example: 'POST /v1/orders', description: "tags.endpoint, 'unknown' when missing" }) endpoint!: string;
}

export class SystemEndpointsResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ example: HTTP_REQUEST_METRIC, description: 'The system_metric metric_name read' }) metricName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The service asked for, or null for all' }) service!: string | null;
  @ApiProperty({ type: EndpointRequestSummaryResponse }) total!: EndpointRequestSummaryResponse;
  @ApiProperty({ type: [ServiceRequestsResponse], description: 'Busiest first' }) byService!: ServiceRequestsResponse[];
  @ApiProperty({ type: [EndpointRequestsResponse], description: 'Busiest first' }) byEndpoint!: EndpointRequestsResponse[];
}
