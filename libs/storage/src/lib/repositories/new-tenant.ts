/** What it takes to create a tenant; time zone and currency fall back to the table defaults ('UTC', 'USD'). */
export interface NewTenant {
  slug: string;
  name: string;
  writeKeyHash: string;
  timeZone?: string;
  currency?: string;
  /** Defaults to 'lenient' (the table default). */
  schemaPolicy?: 'lenient' | 'strict';
  /** Defaults to false (the table default): message texts are dropped after derivation. */
  storeMessageText?: boolean;
}

export class InvalidTenantError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid tenant: ${problems.join('; ')}`);
    this.name = 'InvalidTenantError';
  }
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const CURRENCY = /^[A-Z]{3}$/;
// Offsets such as '+02:00' are refused on purpose: PostgreSQL reads them with the POSIX (inverted) sign.
const IANA_TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** True for names like 'UTC' or 'Europe/Paris' that the runtime's time zone database knows. */
export function isIanaTimeZone(name: string): boolean {
  if (!IANA_TIME_ZONE_SHAPE.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Lists every problem at once, so a caller can fix them in one go. */
export function findNewTenantProblems(tenant: NewTenant): string[] {
  const problems: string[] = [];
  if (!SLUG.test(tenant.slug))
    problems.push(
      `slug '${tenant.slug}' must be 1-63 lowercase letters, digits or inner hyphens`,
    );
  if (tenant.name.trim().length === 0 || tenant.name.length > 200)
    problems.push('name must be 1-200 characters');
  if (tenant.writeKeyHash.length === 0 || tenant.writeKeyHash.length > 128) {
    problems.push('writeKeyHash must be 1-128 characters');
  }
  if (tenant.timeZone !== undefined && !isIanaTimeZone(tenant.timeZone)) {
    problems.push(
      `timeZone '${tenant.timeZone}' is not an IANA time zone name`,
    );
  }
  if (tenant.currency !== undefined && !CURRENCY.test(tenant.currency)) {
    problems.push(
      `currency '${tenant.currency}' must be a three-letter ISO 4217 code`,
    );
  }
  return problems;
}
