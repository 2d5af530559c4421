import { Transform } from 'class-transformer';
import { IsDefined, ValidateBy, type ValidationOptions } from 'class-validator';

// Reusable class-validator rules for environment schemas. Every message names the variable ($property) and
// the rule, never the value ($value is deliberately unused: values can be secrets).

/** The variable must be set; `description` tells the operator what to put there. */
export function Required(description: string): PropertyDecorator {
  return IsDefined({ message: `$property is required (${description})` });
}

/** Parses a decimal integer and checks `min <= value <= max`. */
export function IsIntegerInRange(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  const toInteger = Transform(({ value }) => (typeof value === 'string' && /^[+-]?\d+$/.test(value) ? Number(value) : value));
  const inRange = ValidateBy(
    {
      name: 'isIntegerInRange',
      constraints: [min, max],
      validator: {
        validate: (value) => Number.isSafeInteger(value) && value >= min && value <= max,
        defaultMessage: () => `$property must be an integer from ${min} to ${max}`,
      },
    },
    options,
  );
  return (target, propertyKey) => {
    toInteger(target, propertyKey);
    inRange(target, propertyKey);
  };
}

/** A URL whose scheme is one of `schemes` (without `://`), e.g. `['postgres', 'postgresql']`. */
export function IsUrlWithScheme(schemes: string[], options?: ValidationOptions): PropertyDecorator {
  const listed = schemes.map((scheme) => `${scheme}://`).join(' or ');
  return ValidateBy(
    {
      name: 'isUrlWithScheme',
      constraints: schemes,
      validator: {
        validate: (value) => typeof value === 'string' && hasScheme(value, schemes),
        defaultMessage: () => `$property must be a ${listed} URL`,
      },
    },
    options,
  );
}

/** A comma-separated list of `host:port`, as Kafka clients take their bootstrap brokers. */
export function IsHostPortList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHostPortList',
      validator: {
        validate: (value) => typeof value === 'string' && parseHostPortList(value) !== undefined,
        defaultMessage: () => '$property must be a comma-separated host:port list, e.g. 127.0.0.1:9092',
      },
    },
    options,
  );
}

/** Lower-cases the value, then checks it is one of `values`. */
export function IsOneOf(values: readonly string[], options?: ValidationOptions): PropertyDecorator {
  const toLowerCase = Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value));
  const oneOf = ValidateBy(
    {
      name: 'isOneOf',
      constraints: [values],
      validator: {
        validate: (value) => typeof value === 'string' && values.includes(value),
        defaultMessage: () => `$property must be one of ${values.join(', ')}`,
      },
    },
    options,
  );
  return (target, propertyKey) => {
    toLowerCase(target, propertyKey);
    oneOf(target, propertyKey);
  };
}

/** At least `length` characters, for secrets that must not be guessable. */
export function HasMinLength(length: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasMinLength',
      constraints: [length],
      validator: {
        validate: (value) => typeof value === 'string' && value.length >= length,
        defaultMessage: () => `$property must be at least ${length} characters long`,
      },
    },
    options,
  );
}

/** `'a:9092, b:9092'` → `['a:9092', 'b:9092']`; undefined when an entry is not host:port with a valid port. */
export function parseHostPortList(value: string): string[] | undefined {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return undefined;
  return entries.every(isHostPort) ? entries : undefined;
}

function isHostPort(entry: string): boolean {
  // host:port or [ipv6]:port
  const match = /^(?:[^\s:,[\]]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(entry);
  if (!match) return false;
  const port = Number(match[1]);
  return port >= 1 && port <= 65535;
}

function hasScheme(value: string, schemes: string[]): boolean {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol.replace(/:$/, '')) && value.includes('://');
  } catch {
    return false;
  }
}
