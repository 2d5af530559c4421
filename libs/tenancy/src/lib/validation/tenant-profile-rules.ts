import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Lowercase URL-safe name: what `tenants.slug` accepts. */
export const TENANT_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

// Offsets such as '+02:00' are refused on purpose: PostgreSQL reads them with the POSIX (inverted) sign.
const IANA_TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** True for names like 'UTC' or 'Europe/Paris' that the runtime's time zone database knows. */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !IANA_TIME_ZONE_SHAPE.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** `Intl.supportedValuesOf` is ES2022; the workspace's `lib` is older, Node 20 has it. */
const supportedCurrencies = new Set(
  (Intl as unknown as { supportedValuesOf(key: 'currency'): string[] }).supportedValuesOf('currency'),
);

/** An ISO 4217 code the runtime knows: three capital letters, e.g. 'EUR'. */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && supportedCurrencies.has(value);
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: isIanaTimeZone,
        defaultMessage: () => '$property must be an IANA time zone name such as Europe/Berlin or UTC',
      },
    },
    options,
  );
}

export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCurrencyCode',
      validator: {
        validate: isCurrencyCode,
        defaultMessage: () => '$property must be an ISO 4217 currency code of three capital letters, such as EUR',
      },
    },
    options,
  );
}

export function IsTenantSlug(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTenantSlug',
      validator: {
        validate: (value) => typeof value === 'string' && TENANT_SLUG.test(value),
        defaultMessage: () => '$property must be 1-63 lowercase letters, digits or inner hyphens, such as acme-shop',
      },
    },
    options,
  );
}
