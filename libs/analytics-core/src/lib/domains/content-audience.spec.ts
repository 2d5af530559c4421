import { CONTENT_DEVICE_BUCKETS, CONTENT_TRAFFIC_BUCKETS, viewsByBucket, viewsByHourOfDay } from './content-audience';

describe('viewsByBucket', () => {
  it("lists the spec's traffic sources first, zero-filled, then the rest by views", () => {
    // 3 search + 1 direct + 4 unknown = 8 views
    const slices = viewsByBucket(CONTENT_TRAFFIC_BUCKETS, [
      { key: 'unknown', views: 4 },
      { key: 'search', views: 3 },
      { key: 'direct', views: 1 },
    ]);
    expect(slices).toEqual([
      { key: 'direct', views: 1, share: 0.125 },
      { key: 'search', views: 3, share: 0.375 },
      { key: 'recommendation', views: 0, share: 0 },
      { key: 'external', views: 0, share: 0 },
      { key: 'unknown', views: 4, share: 0.5 },
    ]);
  });

  it('orders devices outside the spec by views, then name', () => {
    // 2 mobile, 1 bot, 1 Other
    const slices = viewsByBucket(CONTENT_DEVICE_BUCKETS, [
      { key: 'mobile', views: 2 },
      { key: 'bot', views: 1 },
      { key: 'Other', views: 1 },
    ]);
    expect(slices.map((slice) => `${slice.key}:${slice.views}`)).toEqual(['desktop:0', 'mobile:2', 'tablet:0', 'Other:1', 'bot:1']);
    expect(slices[1].share).toBe(0.5);
  });

  it('gives zero shares when nothing was viewed', () => {
    expect(viewsByBucket(CONTENT_DEVICE_BUCKETS, []).map((slice) => slice.share)).toEqual([0, 0, 0]);
  });
});

describe('viewsByHourOfDay', () => {
  it('lists all 24 local hours with their share of the views', () => {
    // 3 views at 08:00, 1 at 21:00
    const hours = viewsByHourOfDay([
      { hour: 8, views: 3 },
      { hour: 21, views: 1 },
    ]);
    expect(hours).toHaveLength(24);
    expect(hours[8]).toEqual({ hour: 8, views: 3, share: 0.75 });
    expect(hours[21]).toEqual({ hour: 21, views: 1, share: 0.25 });
    expect(hours[0]).toEqual({ hour: 0, views: 0, share: 0 });
  });
});
