import { fractionOf } from './fraction';

/** The content spec's traffic buckets (direct_traffic … external_traffic), as content_view's `traffic_source`. */
export const CONTENT_TRAFFIC_BUCKETS = ['direct', 'search', 'recommendation', 'external'] as const;
/** The content spec's device buckets (desktop_views, mobile_views, tablet_views), as the `device_type` column. */
export const CONTENT_DEVICE_BUCKETS = ['desktop', 'mobile', 'tablet'] as const;

export interface ViewSlice {
  key: string;
  views: number;
}

/**
 * The spec's named buckets always (zeros where nothing came), then whatever else was found (e.g.
 * `unknown` for views without a source, `bot`), most views first; each with its share of all views.
 */
export function viewsByBucket(buckets: readonly string[], found: readonly ViewSlice[]): Array<ViewSlice & { share: number }> {
  const byKey = new Map(found.map((slice) => [slice.key, slice.views]));
  const named = buckets.map((key) => ({ key, views: byKey.get(key) ?? 0 }));
  const others = found
    .filter((slice) => !buckets.includes(slice.key))
    .sort((a, b) => b.views - a.views || (a.key < b.key ? -1 : 1));
  const slices = [...named, ...others];
  const total = slices.reduce((sum, slice) => sum + slice.views, 0);
  return slices.map((slice) => ({ ...slice, share: fractionOf(slice.views, total) }));
}

export interface HourOfDayViews {
  /** Local hour 0–23. */
  hour: number;
  views: number;
}

/** The spec's hourly_distribution: all 24 local hours, zeros where nothing was viewed, each with its share. */
export function viewsByHourOfDay(found: readonly HourOfDayViews[]): Array<HourOfDayViews & { share: number }> {
  const byHour = new Map(found.map((row) => [row.hour, row.views]));
  const total = found.reduce((sum, row) => sum + row.views, 0);
  return Array.from({ length: 24 }, (_, hour) => {
    const views = byHour.get(hour) ?? 0;
    return { hour, views, share: fractionOf(views, total) };
  });
}
