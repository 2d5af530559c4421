import { SkippedValuesResponse } from '../shared/skipped-values.response';
import { ApiProperty } from '@nestjs/swagger';
import type { CommerceGrowth, CommerceSummary } from '@pulse/analytics-core';
import { DateRangeResponse } from '../shared/date-range.response';

/** Amounts in the tenant's currency, unrounded; rates are fractions. */
export class CommerceSummaryResponse implements CommerceSummary {
  @ApiProperty({ description: "Σ purchase revenue (or total) in the tenant's currency", example: 15420.5 }) revenue!: number;
  @ApiProperty({ description: 'Purchase events, in any currency', example: 181 }) orders!: number;
  @ApiProperty({ description: "Purchases in the tenant's currency with an amount: the revenue's orders", example: 180 }) pricedOrders!: number;
  @ApiProperty({ description: 'revenue / pricedOrders (the spec cart_value_avg)', example: 85.67 }) averageCartValue!: number;
  @ApiProperty({ description: 'buyers / visitors', example: 0.032 }) conversionRate!: number;
  @ApiProperty({ description: 'Distinct users with any event' }) visitors!: number;
  @ApiProperty({ description: 'Distinct users with a purchase' }) buyers!: number;
}

export class CommerceGrowthResponse implements CommerceGrowth {
  @ApiProperty() revenue!: number;
  @ApiProperty() orders!: number;
  @ApiProperty() conversionRate!: number;
}

export class CommercePreviousPeriodResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: CommerceSummaryResponse }) summary!: CommerceSummaryResponse;
}

export class RevenueSliceResponse {
  @ApiProperty({ description: 'Category (uncategorized) or region (unknown)', example: 'electronics' }) key!: string;
  @ApiProperty({ description: 'By category: Σ item price × quantity; by region: Σ order revenue' }) revenue!: number;
  @ApiProperty({ description: 'Orders with this category or region' }) orders!: number;
  @ApiProperty({ nullable: true, description: 'Items sold (categories only)' }) units!: number | null;
  @ApiProperty({ description: "This slice's part of the slices' revenue" }) revenueShare!: number;
}

export class CommerceDashboardResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: CommerceSummaryResponse }) summary!: CommerceSummaryResponse;
  @ApiProperty({ type: CommercePreviousPeriodResponse, description: 'The same number of days just before' }) previousPeriod!: CommercePreviousPeriodResponse;
  @ApiProperty({ type: CommerceGrowthResponse, description: '(current − previous) / previous; 1.0 after nothing if there is anything now, else 0.0' })
  growth!: CommerceGrowthResponse;
  @ApiProperty({ type: [RevenueSliceResponse] }) byCategory!: RevenueSliceResponse[];
  @ApiProperty({ type: [RevenueSliceResponse] }) byRegion!: RevenueSliceResponse[];
  @ApiProperty({
    type: [SkippedValuesResponse],
    description: 'Purchases in the range stored with a value that broke its rule (e.g. a revenue sent as text): that value is not summed',
  })
  skippedValues!: SkippedValuesResponse[];
}
