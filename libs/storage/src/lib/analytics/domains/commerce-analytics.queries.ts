import type { CommerceCounts } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { toNumber, type AnalyticsWindow } from './analytics-window';

export type CommerceCounters = CommerceCounts;

export interface RevenueSliceCounters {
  key: string;
  revenue: number;
  orders: number;
  /** Items sold (by category only; null by region). */
  units: number | null;
}

/** A purchase's amount: `revenue`, else `total` (Segment's Order Completed sends either). */
const ORDER_AMOUNT = `coalesce(("properties"->>'revenue')::numeric, ("properties"->>'total')::numeric)`;
/** The user a row counts for: stitched key when enriched, else the ids it came with. */
const USER = `coalesce("user_key", "user_id", "anonymous_id")`;

/**
 * Commerce dashboard aggregates from raw events (commerce analytics spec). Amounts are added only
 * for purchases in `currency` (the tenant's); every statement is scoped to one tenant and binds every value.
 */
export class CommerceAnalyticsQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async counters(window: AnalyticsWindow, currency: string): Promise<CommerceCounters> {
    const [row] = await this.sql.query(
      `SELECT count(*) FILTER (WHERE "type" = 'purchase') AS "orders",
              count(*) FILTER (WHERE "type" = 'purchase' AND "properties"->>'currency' = $4 AND ${ORDER_AMOUNT} IS NOT NULL) AS "priced_orders",
              coalesce(sum(${ORDER_AMOUNT}) FILTER (WHERE "type" = 'purchase' AND "properties"->>'currency' = $4), 0) AS "revenue",
              count(DISTINCT ${USER}) AS "visitors",
              count(DISTINCT ${USER}) FILTER (WHERE "type" = 'purchase') AS "buyers"
         FROM "events"
        WHERE "tenant_id" = $1 AND "occurred_at" >= $2 AND "occurred_at" < $3`,
      [window.tenantId, window.start, window.end, currency],
    );
    return {
      orders: toNumber(row.orders),
      pricedOrders: toNumber(row.priced_orders),
      revenue: toNumber(row.revenue),
      visitors: toNumber(row.visitors),
      buyers: toNumber(row.buyers),
    };
  }

  /**
   * Revenue per product category from the purchases' items: Σ price × quantity (before tax, shipping
   * and discounts, which belong to the order, not to an item). Items without a category are `uncategorized`.
   */
  async byCategory(window: AnalyticsWindow, currency: string): Promise<RevenueSliceCounters[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT coalesce("item"->>'category', 'uncategorized') AS "key",
              sum(("item"->>'price')::numeric * ("item"->>'quantity')::numeric) AS "revenue",
              count(DISTINCT e."event_id") AS "orders",
              sum(("item"->>'quantity')::numeric) AS "units"
         FROM "events" e
        CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(e."properties"->'items') = 'array' THEN e."properties"->'items' ELSE '[]'::jsonb END
             ) AS "item"
        WHERE e."tenant_id" = $1 AND e."type" = 'purchase' AND e."occurred_at" >= $2 AND e."occurred_at" < $3
          AND e."properties"->>'currency' = $4
        GROUP BY 1
        ORDER BY 2 DESC, 1`,
      [window.tenantId, window.start, window.end, currency],
    );
    return rows.map((row) => ({ key: String(row['key']), revenue: toNumber(row['revenue']), orders: toNumber(row['orders']), units: toNumber(row['units']) }));
  }

  /** Revenue per `region` property of the purchase; purchases without one are `unknown`. */
  async byRegion(window: AnalyticsWindow, currency: string): Promise<RevenueSliceCounters[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT coalesce("properties"->>'region', 'unknown') AS "key",
              coalesce(sum(${ORDER_AMOUNT}), 0) AS "revenue",
              count(*) AS "orders"
         FROM "events"
        WHERE "tenant_id" = $1 AND "type" = 'purchase' AND "occurred_at" >= $2 AND "occurred_at" < $3
          AND "properties"->>'currency' = $4
        GROUP BY 1
        ORDER BY 2 DESC, 1`,
      [window.tenantId, window.start, window.end, currency],
    );
    return rows.map((row) => ({ key: String(row['key']), revenue: toNumber(row['revenue']), orders: toNumber(row['orders']), units: null }));
  }
}
