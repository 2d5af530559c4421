import { parseUserAgent, timeContext } from '@pulse/analytics-core';
import type { IdentifiedPulseEvent } from '@pulse/contracts';

/** Enrichment that depends only on the event and its tenant's time zone. */
export interface EventContextEnrichment {
  /** Tenant-local YYYY-MM-DD. */
  localDate: string;
  hourOfDay: number;
  dayOfWeek: number;
  isBusinessHours: boolean;
  /** From `context.userAgent`; null when the event carried none. */
  deviceType: string | null;
  browser: string | null;
  os: string | null;
}

/** Time context in the tenant's zone (default business hours: Mon–Fri 09:00–17:59) and user-agent details. */
export function enrichEventContext(event: IdentifiedPulseEvent, occurredAt: Date, timeZone: string): EventContextEnrichment {
  const time = timeContext(occurredAt, timeZone);
  const userAgent = event.context?.userAgent;
  const agent = typeof userAgent === 'string' && userAgent.trim() !== '' ? parseUserAgent(userAgent) : undefined;
  return {
    localDate: time.localDate,
    hourOfDay: time.hourOfDay,
    dayOfWeek: time.dayOfWeek,
    isBusinessHours: time.isBusinessHours,
    deviceType: agent?.deviceType ?? null,
    browser: agent?.browser ?? null,
    os: agent?.os ?? null,
  };
}
