import { fractionOf } from './fraction';

/** What the content spec's `calculate_content_analytics_workflow` counts for one content item, or for all of them. */
export interface ContentCounts {
  /** content_view events. */
  views: number;
  /** Distinct persons behind the views (the spec's unique_views). */
  uniqueViews: number;
  /** content_complete events. */
  completions: number;
  shares: number;
  bookmarks: number;
  /** content_like and content_comment: counted when a tenant sends them, as the spec's engagement events do. */
  likes: number;
  comments: number;
  /** Σ watch_time_seconds of content_pause and content_complete: seconds watched since the last play. */
  watchTimeSeconds: number;
}

export interface ContentPerformance extends ContentCounts {
  /** watchTimeSeconds / views (the spec's total_watch_time / max(len(view_events), 1)). */
  averageViewDurationSeconds: number;
  /** completions / views, unclamped as in the spec. */
  completionRate: number;
  /** likes + shares + bookmarks + comments: the spec's engagement events. */
  engagementActions: number;
  /** engagementActions / views. */
  engagementRate: number;
}

export const NO_CONTENT_ACTIVITY: ContentCounts = Object.freeze({
  views: 0,
  uniqueViews: 0,
  completions: 0,
  shares: 0,
  bookmarks: 0,
  likes: 0,
  comments: 0,
  watchTimeSeconds: 0,
});

export function contentPerformance<T extends ContentCounts>(counts: T): T & ContentPerformance {
  const engagementActions = counts.likes + counts.shares + counts.bookmarks + counts.comments;
  return {
    ...counts,
    averageViewDurationSeconds: fractionOf(counts.watchTimeSeconds, counts.views),
    completionRate: fractionOf(counts.completions, counts.views),
    engagementActions,
    engagementRate: fractionOf(engagementActions, counts.views),
  };
}

export const CONTENT_RANKINGS = ['views', 'engagement'] as const;
export type ContentRanking = (typeof CONTENT_RANKINGS)[number];

/**
 * The top-performing items: by views, or by engagement rate among items with at least `minViews`
 * views (one view with one share would otherwise outrank a thousand well-shared views). Ties go to
 * more views, then to the content id, so the order is stable.
 */
export function topContent<T extends ContentPerformance & { contentId: string }>(
  items: readonly T[],
  options: { by: ContentRanking; limit: number; minViews: number },
): T[] {
  const byViews = (a: T, b: T) => b.views - a.views || compareContentIds(a.contentId, b.contentId);
  const eligible = items.filter((item) => item.views >= options.minViews);
  const ranked = options.by === 'views' ? [...eligible].sort(byViews) : [...eligible].sort((a, b) => b.engagementRate - a.engagementRate || byViews(a, b));
  return ranked.slice(0, options.limit);
}

export function compareContentIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
