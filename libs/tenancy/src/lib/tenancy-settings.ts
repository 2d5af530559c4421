/**
 * What tenancy needs from configuration. The application provides it under `TENANCY_SETTINGS`
 * (the platform's `PLATFORM_SETTINGS` has this shape: `{ provide: TENANCY_SETTINGS, useExisting: PLATFORM_SETTINGS }`).
 * Tenancy cannot import the platform library itself: the platform depends on tenancy.
 */
export interface TenancySettings {
  /** Protects the admin API. Unset: the admin API answers 503 to everyone. */
  adminToken?: string;
}

export const TENANCY_SETTINGS = Symbol('TENANCY_SETTINGS');
