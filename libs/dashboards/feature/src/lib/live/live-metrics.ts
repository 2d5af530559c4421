import type { RealtimeOverview } from '@pulse/realtime';
import type { LiveMetric } from '../widgets/widget-types';

/** A live counter's figure, read from the realtime overview (`GET /v1/realtime/overview`). */
export function liveMetricValue(overview: RealtimeOverview, metric: LiveMetric): number {
  switch (metric) {
    case 'active_users_5m':
      return overview.activeUsers.last5Minutes;
    case 'active_users_30m':
      return overview.activeUsers.last30Minutes;
    case 'active_sessions_5m':
      return overview.activeSessions.last5Minutes;
    case 'active_sessions_30m':
      return overview.activeSessions.last30Minutes;
    case 'events_today':
      return overview.eventsToday;
    case 'orders_today':
      return overview.orders;
    case 'revenue_today':
      return overview.revenue;
    case 'visitors_today':
      return overview.visitors;
    case 'buyers_today':
      return overview.buyers;
    case 'conversion_rate_today':
      return overview.conversionRate;
    case 'average_order_value_today':
      return overview.averageOrderValue;
  }
}
