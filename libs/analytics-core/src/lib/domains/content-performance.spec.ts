import { NO_CONTENT_ACTIVITY, contentPerformance, topContent, type ContentCounts } from './content-performance';

const counts = (overrides: Partial<ContentCounts>): ContentCounts => ({ ...NO_CONTENT_ACTIVITY, ...overrides });

describe('contentPerformance', () => {
  it('divides watch time, completions and engagement actions by views', () => {
    // 4 views by 3 persons, 1 completion, 2 shares + 1 bookmark + 1 like = 4 actions, 300 s watched
    const performance = contentPerformance(counts({ views: 4, uniqueViews: 3, completions: 1, shares: 2, bookmarks: 1, likes: 1, watchTimeSeconds: 300 }));
    expect(performance).toMatchObject({ averageViewDurationSeconds: 75, completionRate: 0.25, engagementActions: 4, engagementRate: 1 });
  });

  it('counts comments as engagement too', () => {
    // 1 comment + 1 share over 8 views → 0.25
    expect(contentPerformance(counts({ views: 8, comments: 1, shares: 1 })).engagementRate).toBe(0.25);
  });

  it('keeps completions above views unclamped, as the spec divides them', () => {
    // a completion whose view fell before the range: 2 / 1
    expect(contentPerformance(counts({ views: 1, completions: 2 })).completionRate).toBe(2);
  });

  it('is all zeros without views', () => {
    expect(contentPerformance(NO_CONTENT_ACTIVITY)).toMatchObject({ averageViewDurationSeconds: 0, completionRate: 0, engagementActions: 0, engagementRate: 0 });
  });
});

describe('topContent', () => {
  const items = [
    { contentId: 'a', ...contentPerformance(counts({ views: 10, shares: 1 })) }, // engagement 0.1
    { contentId: 'b', ...contentPerformance(counts({ views: 4, shares: 2 })) }, // 0.5
    { contentId: 'c', ...contentPerformance(counts({ views: 1, shares: 1 })) }, // 1.0, but a single view
    { contentId: 'd', ...contentPerformance(counts({ views: 4, bookmarks: 2 })) }, // 0.5, ties with b
  ];

  it('ranks by views, ties by content id', () => {
    expect(topContent(items, { by: 'views', limit: 3, minViews: 1 }).map((item) => item.contentId)).toEqual(['a', 'b', 'd']);
  });

  it('ranks by engagement rate among items with enough views', () => {
    // c has 1 view < 2: left out; b and d both 0.5 with 4 views → by id
    expect(topContent(items, { by: 'engagement', limit: 10, minViews: 2 }).map((item) => item.contentId)).toEqual(['b', 'd', 'a']);
  });
});
