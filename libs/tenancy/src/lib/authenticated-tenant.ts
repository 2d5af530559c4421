import type { Tenant } from '@pulse/storage';

/** What a handler learns about the tenant a key opened: enough to scope, localise and price. */
export interface AuthenticatedTenant {
  id: string;
  slug: string;
  name: string;
  /** IANA time zone name: day boundaries, hour of day and business hours follow it. */
  timeZone: string;
  /** ISO 4217 code. */
  currency: string;
}

export function toAuthenticatedTenant(tenant: Tenant): AuthenticatedTenant {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timeZone: tenant.timeZone,
    currency: tenant.currency,
  };
}
