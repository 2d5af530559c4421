import { growthRate } from '../statistics';
import { fractionOf } from './fraction';

/**
 * What the commerce dashboard is computed from, over one range. Revenue is in the tenant's currency
 * only: orders in another currency are counted but their amounts are not added (they cannot be).
 */
export interface CommerceCounts {
  /** Purchase events. */
  orders: number;
  /** Purchases in the tenant's currency with a revenue (or total): those `revenue` adds up. */
  pricedOrders: number;
  revenue: number;
  /** Distinct users with any event. */
  visitors: number;
  /** Distinct users with a purchase. */
  buyers: number;
}

/** The commerce spec's dashboard figures (`revenue`, `orders`, `cart_value_avg`, `conversion_rate`). */
export interface CommerceSummary extends CommerceCounts {
  /** revenue / priced orders: the mean order value in the tenant's currency. */
  averageCartValue: number;
  /** buyers / visitors, a fraction (the spec's example shows it ×100). */
  conversionRate: number;
}

export function commerceSummary(counts: CommerceCounts): CommerceSummary {
  return {
    ...counts,
    averageCartValue: fractionOf(counts.revenue, counts.pricedOrders),
    conversionRate: fractionOf(counts.buyers, counts.visitors),
  };
}

export interface CommerceGrowth {
  revenue: number;
  orders: number;
  conversionRate: number;
}

/** Growth against the previous period, with the pipeline spec's rule for an empty previous period. */
export function commerceGrowth(current: CommerceSummary, previous: CommerceSummary): CommerceGrowth {
  return {
    revenue: growthRate(current.revenue, previous.revenue) as number,
    orders: growthRate(current.orders, previous.orders) as number,
    conversionRate: growthRate(current.conversionRate, previous.conversionRate) as number,
  };
}

export interface RevenueSlice {
  key: string;
  revenue: number;
  orders: number;
}

/** Each slice's part of the revenue the slices add up to. */
export function revenueShares<T extends RevenueSlice>(slices: readonly T[]): Array<T & { revenueShare: number }> {
  const total = slices.reduce((sum, slice) => sum + slice.revenue, 0);
  return slices.map((slice) => ({ ...slice, revenueShare: fractionOf(slice.revenue, total) }));
}
