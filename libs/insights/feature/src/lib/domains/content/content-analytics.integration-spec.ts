import { STORE_TARGETS } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { storeEvents, type EventFixture } from '../../../testing/domains-fixtures';

const contentEvent = (id: string, type: string, at: string, userId: string, properties: Record<string, unknown>, deviceType?: string): EventFixture => ({
  id,
  type,
  category: 'content',
  at,
  userId,
  deviceType,
  properties,
});

/*
 * Tenant "media", Europe/Berlin (UTC+1 in March), local day 2025-03-10 = 2025-03-09T23:00Z … 2025-03-10T23:00Z.
 *   article-1  v1 u1 08:00Z [09:00] search  desktop  title "Spring guide draft"
 *              v2 u2 08:30Z [09:30] search  mobile
 *              v3 u1 19:00Z [20:00] direct  desktop  title "Spring guide" (the latest title)
 *              v4 u3 19:10Z [20:10] (none)  mobile
 *              pause u1 120 s, complete u1 60 s, complete u2 240 s, share u2, bookmark u3
 *              → 4 views, 3 persons, watch 420 s (105 s a view), 2 completions (0.5), 2 actions (0.5)
 *   video-7    v5 u2 03-09 23:30Z [03-10 00:30] recommendation tablet
 *              v6 u2 12:00Z [13:00]             recommendation tablet
 *              pause u2 30 s → 2 views, 1 person, 15 s a view, no actions
 *   podcast-3  v7 u3 12:30Z [13:30] external, no device; like u3 → 1 view, engagement 1.0
 *   v8 article-1 at 23:30Z [03-11 00:30]: outside the day.
 * The day before (03-09 local): article-1 viewed twice, video-7 four times (v5 is not one of them).
 * Tenant "other" views and shares article-1 the same day.
 */
const EVENTS: EventFixture[] = [
  contentEvent('v1', 'content_view', '2025-03-10T08:00:00Z', 'u1', { content_id: 'article-1', title: 'Spring guide draft', traffic_source: 'search' }, 'desktop'),
  contentEvent('v2', 'content_view', '2025-03-10T08:30:00Z', 'u2', { content_id: 'article-1', traffic_source: 'search' }, 'mobile'),
  contentEvent('v3', 'content_view', '2025-03-10T19:00:00Z', 'u1', { content_id: 'article-1', title: 'Spring guide', traffic_source: 'direct' }, 'desktop'),
  contentEvent('v4', 'content_view', '2025-03-10T19:10:00Z', 'u3', { content_id: 'article-1' }, 'mobile'),
  contentEvent('p1', 'content_pause', '2025-03-10T08:05:00Z', 'u1', { content_id: 'article-1', position_seconds: 120, watch_time_seconds: 120 }),
  contentEvent('c1', 'content_complete', '2025-03-10T08:10:00Z', 'u1', { content_id: 'article-1', watch_time_seconds: 60 }),
  contentEvent('c2', 'content_complete', '2025-03-10T08:40:00Z', 'u2', { content_id: 'article-1', watch_time_seconds: 240 }),
  contentEvent('s1', 'content_share', '2025-03-10T08:45:00Z', 'u2', { content_id: 'article-1', share_channel: 'email' }),
  contentEvent('b1', 'content_bookmark', '2025-03-10T19:15:00Z', 'u3', { content_id: 'article-1' }),
  contentEvent('v5', 'content_view', '2025-03-09T23:30:00Z', 'u2', { content_id: 'video-7', title: 'Demo', traffic_source: 'recommendation' }, 'tablet'),
  contentEvent('v6', 'content_view', '2025-03-10T12:00:00Z', 'u2', { content_id: 'video-7', traffic_source: 'recommendation' }, 'tablet'),
  contentEvent('p2', 'content_pause', '2025-03-10T12:01:00Z', 'u2', { content_id: 'video-7', position_seconds: 30, watch_time_seconds: 30 }),
  contentEvent('v7', 'content_view', '2025-03-10T12:30:00Z', 'u3', { content_id: 'podcast-3', traffic_source: 'external' }),
  contentEvent('l1', 'content_like', '2025-03-10T12:40:00Z', 'u3', { content_id: 'podcast-3' }),
  contentEvent('v8', 'content_view', '2025-03-10T23:30:00Z', 'u1', { content_id: 'article-1', traffic_source: 'search' }, 'desktop'),
  // the previous local day, 03-09
  contentEvent('y1', 'content_view', '2025-03-09T10:00:00Z', 'u1', { content_id: 'article-1' }),
  contentEvent('y2', 'content_view', '2025-03-09T11:00:00Z', 'u2', { content_id: 'article-1' }),
  contentEvent('y3', 'content_view', '2025-03-09T09:00:00Z', 'u1', { content_id: 'video-7' }),
  contentEvent('y4', 'content_view', '2025-03-09T10:00:00Z', 'u2', { content_id: 'video-7' }),
  contentEvent('y5', 'content_view', '2025-03-09T11:00:00Z', 'u3', { content_id: 'video-7' }),
  contentEvent('y6', 'content_view', '2025-03-09T22:59:00Z', 'u3', { content_id: 'video-7' }),
];

const DAY = 'from=2025-03-10&to=2025-03-10';

describe.each(STORE_TARGETS)('content analytics over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let media: DomainsTenant;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    media = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    const other = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    await storeEvents(app.store, media.id, EVENTS);
    await storeEvents(app.store, other.id, [
      contentEvent('x1', 'content_view', '2025-03-10T10:00:00Z', 'z1', { content_id: 'article-1', traffic_source: 'external' }, 'desktop'),
      contentEvent('x2', 'content_share', '2025-03-10T10:01:00Z', 'z1', { content_id: 'article-1' }),
    ]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('GET /v1/content/overview', () => {
    it('totals all content of the tenant-local day', async () => {
      const answer = await app.call(media, `/v1/content/overview?${DAY}`);
      expect(answer.status).toBe(200);
      // views 4 + 2 + 1 = 7 by u1, u2, u3; watch 420 + 30 = 450 s; completions 2; actions share + bookmark + like = 3
      expect(answer.body.total).toMatchObject({ views: 7, uniqueViews: 3, watchTimeSeconds: 450, completions: 2, shares: 1, bookmarks: 1, likes: 1, comments: 0, engagementActions: 3 });
      expect(answer.body.total.averageViewDurationSeconds).toBeCloseTo(450 / 7, 12);
      expect(answer.body.total.completionRate).toBeCloseTo(2 / 7, 12);
      expect(answer.body.total.engagementRate).toBeCloseTo(3 / 7, 12);
      expect(answer.body.contentItems).toBe(3);
    });

    it('splits views by traffic source and device, the spec buckets always listed', async () => {
      const answer = await app.call(media, `/v1/content/overview?${DAY}`);
      // direct v3; search v1 v2; recommendation v5 v6; external v7; no source v4
      expect(answer.body.trafficSources.map((slice: { key: string; views: number }) => `${slice.key}:${slice.views}`)).toEqual([
        'direct:1',
        'search:2',
        'recommendation:2',
        'external:1',
        'unknown:1',
      ]);
      expect(answer.body.trafficSources[1].share).toBeCloseTo(2 / 7, 12);
      // desktop v1 v3; mobile v2 v4; tablet v5 v6; v7 without a device
      expect(answer.body.devices.map((slice: { key: string; views: number }) => `${slice.key}:${slice.views}`)).toEqual(['desktop:2', 'mobile:2', 'tablet:2', 'unknown:1']);
    });

    it("counts views per hour of the tenant's day", async () => {
      const answer = await app.call(media, `/v1/content/overview?${DAY}`);
      expect(answer.body.hours).toHaveLength(24);
      // local 00:30 v5; 09:xx v1 v2; 13:xx v6 v7; 20:xx v3 v4
      const viewed = answer.body.hours.filter((hour: { views: number }) => hour.views > 0);
      expect(viewed.map((hour: { hour: number; views: number }) => `${hour.hour}:${hour.views}`)).toEqual(['0:1', '9:2', '13:2', '20:2']);
      expect(viewed[0].share).toBeCloseTo(1 / 7, 12);
    });

    it('answers zeros for an empty range', async () => {
      const answer = await app.call(media, '/v1/content/overview?from=2025-02-01&to=2025-02-28');
      expect(answer.status).toBe(200);
      expect(answer.body.total).toMatchObject({ views: 0, uniqueViews: 0, averageViewDurationSeconds: 0, completionRate: 0, engagementRate: 0 });
      expect(answer.body.contentItems).toBe(0);
      expect(answer.body.hours.every((hour: { views: number; share: number }) => hour.views === 0 && hour.share === 0)).toBe(true);
      expect(answer.body.trafficSources.map((slice: { key: string }) => slice.key)).toEqual(['direct', 'search', 'recommendation', 'external']);
    });
  });

  describe('GET /v1/content/:contentId', () => {
    it("reports one item's performance and audience, without the other tenant's view", async () => {
      const answer = await app.call(media, `/v1/content/article-1?${DAY}`);
      expect(answer.status).toBe(200);
      expect(answer.body.content).toEqual({
        contentId: 'article-1',
        title: 'Spring guide',
        views: 4,
        uniqueViews: 3,
        watchTimeSeconds: 420,
        averageViewDurationSeconds: 105,
        completions: 2,
        completionRate: 0.5,
        shares: 1,
        bookmarks: 1,
        likes: 0,
        comments: 0,
        engagementActions: 2,
        engagementRate: 0.5,
      });
      expect(answer.body.trafficSources.map((slice: { key: string; views: number }) => `${slice.key}:${slice.views}`)).toEqual([
        'direct:1',
        'search:2',
        'recommendation:0',
        'external:0',
        'unknown:1',
      ]);
      expect(answer.body.devices.map((slice: { key: string; views: number }) => `${slice.key}:${slice.views}`)).toEqual(['desktop:2', 'mobile:2', 'tablet:0']);
      expect(answer.body.hours.filter((hour: { views: number }) => hour.views > 0).map((hour: { hour: number }) => hour.hour)).toEqual([9, 20]);
    });

    it('answers zeros for an item without events', async () => {
      const answer = await app.call(media, `/v1/content/never-seen?${DAY}`);
      expect(answer.status).toBe(200);
      expect(answer.body.content).toMatchObject({ contentId: 'never-seen', title: null, views: 0, completionRate: 0 });
    });
  });

  describe('GET /v1/content/top', () => {
    it('ranks by views', async () => {
      const answer = await app.call(media, `/v1/content/top?${DAY}&limit=2`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ by: 'views', minViews: 1 });
      // article-1 4, video-7 2, podcast-3 1
      expect(answer.body.items.map((item: { contentId: string; views: number }) => `${item.contentId}:${item.views}`)).toEqual(['article-1:4', 'video-7:2']);
    });

    it('ranks by engagement rate, above a view threshold when asked', async () => {
      // podcast-3 1 / 1 = 1.0, article-1 2 / 4 = 0.5, video-7 0
      const all = await app.call(media, `/v1/content/top?${DAY}&by=engagement`);
      expect(all.body.items.map((item: { contentId: string }) => item.contentId)).toEqual(['podcast-3', 'article-1', 'video-7']);
      const viewed = await app.call(media, `/v1/content/top?${DAY}&by=engagement&minViews=2`);
      expect(viewed.body.items.map((item: { contentId: string }) => item.contentId)).toEqual(['article-1', 'video-7']);
    });

    it('refuses an unknown ranking, naming the field and the rule', async () => {
      const answer = await app.call(media, `/v1/content/top?${DAY}&by=likes`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'by', rule: 'isIn' })]);
    });
  });

  describe('GET /v1/content/trending', () => {
    it('compares views with the previous local day', async () => {
      const answer = await app.call(media, `/v1/content/trending?${DAY}&minViews=1`);
      expect(answer.status).toBe(200);
      expect(answer.body.previousDateRange).toMatchObject({ from: '2025-03-09', to: '2025-03-09' });
      // article-1 4 after 2 → 1.0; podcast-3 1 after 0 → 1.0 (fewer views, so second); video-7 2 after 4 → −0.5
      expect(answer.body.items).toEqual([
        { contentId: 'article-1', views: 4, previousViews: 2, growthRate: 1 },
        { contentId: 'podcast-3', views: 1, previousViews: 0, growthRate: 1 },
        { contentId: 'video-7', views: 2, previousViews: 4, growthRate: -0.5 },
      ]);
    });

    it('leaves out items under the view threshold (5 by default)', async () => {
      const byDefault = await app.call(media, `/v1/content/trending?${DAY}`);
      expect(byDefault.body).toMatchObject({ minViews: 5, items: [] });
      const two = await app.call(media, `/v1/content/trending?${DAY}&minViews=2`);
      expect(two.body.items.map((item: { contentId: string }) => item.contentId)).toEqual(['article-1', 'video-7']);
    });

    it('refuses a limit below 1', async () => {
      const answer = await app.call(media, `/v1/content/trending?${DAY}&limit=0`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'limit', rule: 'min' })]);
    });
  });

  describe('GET /v1/content/compare', () => {
    it('lists the items in the order asked, zeros for one without events', async () => {
      const answer = await app.call(media, `/v1/content/compare?${DAY}&ids=video-7,article-1,never-seen`);
      expect(answer.status).toBe(200);
      expect(answer.body.items.map((item: { contentId: string; views: number }) => `${item.contentId}:${item.views}`)).toEqual([
        'video-7:2',
        'article-1:4',
        'never-seen:0',
      ]);
      // video-7: 30 s over 2 views; title from v5
      expect(answer.body.items[0]).toMatchObject({ title: 'Demo', averageViewDurationSeconds: 15, uniqueViews: 1, engagementRate: 0 });
    });

    it('refuses a single id', async () => {
      const answer = await app.call(media, `/v1/content/compare?${DAY}&ids=article-1`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'ids', rule: 'arrayMinSize' })]);
    });
  });
});
