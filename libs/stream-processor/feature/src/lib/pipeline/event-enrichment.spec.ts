import type { IdentifiedPulseEvent } from '@pulse/contracts';
import { enrichEventContext } from './event-enrichment';

const event = (context?: IdentifiedPulseEvent['context']): IdentifiedPulseEvent => ({
  eventId: 'e1',
  type: 'page_view',
  category: 'commerce',
  timestamp: '2025-03-14T16:30:00Z',
  userId: 'u1',
  properties: {},
  ...(context ? { context } : {}),
});

describe('enrichEventContext', () => {
  it("reads hour, weekday and business hours on the tenant's clock", () => {
    // 16:30 UTC on Friday 14 March: 17:30 in Berlin (business hours), 01:30 on Saturday in Tokyo.
    expect(enrichEventContext(event(), new Date('2025-03-14T16:30:00Z'), 'Europe/Berlin')).toMatchObject({
      localDate: '2025-03-14',
      hourOfDay: 17,
      dayOfWeek: 5,
      isBusinessHours: true,
    });
    expect(enrichEventContext(event(), new Date('2025-03-14T16:30:00Z'), 'Asia/Tokyo')).toMatchObject({
      localDate: '2025-03-15',
      hourOfDay: 1,
      dayOfWeek: 6,
      isBusinessHours: false,
    });
  });

  it('names device, browser and OS from the user agent, and leaves them empty without one', () => {
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

    expect(enrichEventContext(event({ userAgent: android }), new Date('2025-03-14T16:30:00Z'), 'UTC')).toMatchObject({
      deviceType: 'mobile',
      browser: 'Chrome',
      os: 'Android',
    });
    expect(enrichEventContext(event(), new Date('2025-03-14T16:30:00Z'), 'UTC')).toMatchObject({ deviceType: null, browser: null, os: null });
  });
});
