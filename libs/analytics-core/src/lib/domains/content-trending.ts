import { growthRate } from '../statistics';
import { compareContentIds } from './content-performance';

export interface ContentViews {
  contentId: string;
  views: number;
}

export interface TrendingContent extends ContentViews {
  previousViews: number;
  /** statistics' growthRate: (views − previous) / previous; 1.0 when the previous period had none. */
  growthRate: number;
}

/**
 * Trending content (content spec "popularity and trending analysis"): items viewed at least `minViews`
 * times in the period, fastest-growing against the previous period of equal length first; ties go to
 * more views, then to the content id.
 */
export function trendingContent(
  current: readonly ContentViews[],
  previous: readonly ContentViews[],
  options: { minViews: number; limit: number },
): TrendingContent[] {
  const previousViews = new Map(previous.map((item) => [item.contentId, item.views]));
  return current
    .filter((item) => item.views >= options.minViews)
    .map((item) => {
      const before = previousViews.get(item.contentId) ?? 0;
      return { contentId: item.contentId, views: item.views, previousViews: before, growthRate: growthRate(item.views, before) as number };
    })
    .sort((a, b) => b.growthRate - a.growthRate || b.views - a.views || compareContentIds(a.contentId, b.contentId))
    .slice(0, options.limit);
}
