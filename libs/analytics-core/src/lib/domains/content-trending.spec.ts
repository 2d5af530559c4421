import { trendingContent } from './content-trending';

describe('trendingContent', () => {
  const current = [
    { contentId: 'steady', views: 10 },
    { contentId: 'rising', views: 9 },
    { contentId: 'new', views: 4 },
    { contentId: 'falling', views: 5 },
    { contentId: 'rare', views: 2 },
  ];
  const previous = [
    { contentId: 'steady', views: 10 },
    { contentId: 'rising', views: 3 },
    { contentId: 'falling', views: 10 },
    { contentId: 'gone', views: 50 },
  ];

  it('puts the fastest-growing items first, new ones at 1.0', () => {
    // rising (9 − 3) / 3 = 2; new: nothing before → 1.0; steady 0; falling (5 − 10) / 10 = −0.5; rare under 3 views
    const trending = trendingContent(current, previous, { minViews: 3, limit: 10 });
    expect(trending).toEqual([
      { contentId: 'rising', views: 9, previousViews: 3, growthRate: 2 },
      { contentId: 'new', views: 4, previousViews: 0, growthRate: 1 },
      { contentId: 'steady', views: 10, previousViews: 10, growthRate: 0 },
      { contentId: 'falling', views: 5, previousViews: 10, growthRate: -0.5 },
    ]);
  });

  it('breaks growth ties by views and stops at the limit', () => {
    const trending = trendingContent(
      [
        { contentId: 'b', views: 4 },
        { contentId: 'a', views: 8 },
        { contentId: 'c', views: 4 },
      ],
      [],
      { minViews: 1, limit: 2 },
    );
    // all 1.0 (nothing before): a has most views, then b before c by id
    expect(trending.map((item) => item.contentId)).toEqual(['a', 'b']);
  });

  it('finds nothing in an empty period', () => {
    expect(trendingContent([], previous, { minViews: 1, limit: 10 })).toEqual([]);
  });
});
