import { postHogApiKeyOf } from '@pulse/contracts';

/** The parts of an HTTP request that can carry a key (Express's request satisfies it). */
export interface CredentialCarrier {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** Where the write key was found, for logs and metrics. */
export type WriteKeySource = 'bearer' | 'basic' | 'header' | 'body';

export const WRITE_KEY_HEADER = 'x-pulse-write-key';

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive), if that is what was sent. */
export function bearerTokenOf(request: CredentialCarrier): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerOf(request, 'authorization') ?? '');
  return match?.[1];
}

/**
 * The user name of `Authorization: Basic base64(user:password)`: Segment's SDKs send the write key
 * as the user and an empty password. A key sent as the password alone is accepted too.
 */
export function basicUserOf(request: CredentialCarrier): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(headerOf(request, 'authorization') ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  const user = separator === -1 ? decoded : decoded.slice(0, separator);
  const password = separator === -1 ? '' : decoded.slice(separator + 1);
  return nonEmpty(user) ?? nonEmpty(password);
}

/**
 * The write key wherever an SDK puts it, headers first: `Authorization: Bearer`, HTTP Basic user
 * (Segment), `X-Pulse-Write-Key`, then the parsed body: `writeKey` (Segment's batch body) or PostHog's
 * `api_key` (also inside `properties.token`, or on the first event of a batch).
 */
export function writeKeyOf(request: CredentialCarrier): { key: string; source: WriteKeySource } | undefined {
  const bearer = bearerTokenOf(request);
  if (bearer) return { key: bearer, source: 'bearer' };
  const basic = basicUserOf(request);
  if (basic) return { key: basic, source: 'basic' };
  const header = nonEmpty(headerOf(request, WRITE_KEY_HEADER)?.trim());
  if (header) return { key: header, source: 'header' };
  const body = bodyKeyOf(request.body);
  return body ? { key: body, source: 'body' } : undefined;
}

function bodyKeyOf(body: unknown): string | undefined {
  const first = Array.isArray(body) ? body[0] : body;
  if (typeof first !== 'object' || first === null) return undefined;
  const record = first as Record<string, unknown>;
  const direct = nonEmpty(stringOrUndefined(record['writeKey'])) ?? nonEmpty(postHogApiKeyOf(record));
  if (direct) return direct;
  const batch = record['batch'];
  return Array.isArray(batch) ? nonEmpty(postHogApiKeyOf(batch[0])) : undefined;
}

function headerOf(request: CredentialCarrier, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
