import {
  presentOnly,
  validatePulseEvent,
} from '../events/validate-pulse-event';
import { isIsoTimestampWithOffset } from '../validation/timestamps';
import { renameIssueFields } from '../validation/validation-issues';
import { resolveEventTime } from './client-timestamps';
import {
  CompatMappingOptions,
  CompatMappingResult,
  rejected,
} from './compat-mapping-result';
import { isRecord } from '../json-record';
import { isValidEventTypeName, toEventTypeName } from './event-type-names';

/** One event of PostHog's capture API (`/capture`, `/batch`, `/e`). */
export interface PostHogCapturePayload {
  event: string;
  distinct_id?: string;
  properties?: Record<string, unknown>;
  timestamp?: string;
  sent_at?: string;
  /** Milliseconds between the event and sending, instead of a timestamp (posthog-js). */
  offset?: number;
  uuid?: string;
  api_key?: string;
  $set?: Record<string, unknown>;
  $set_once?: Record<string, unknown>;
}

/** PostHog's built-in events that are registered Pulse types under another name. */
const POSTHOG_EVENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['$pageview', 'page_view'],
  ['$screen', 'screen_view'],
  ['$identify', 'identify'],
  ['$create_alias', 'alias'],
  ['$groupidentify', 'group'],
]);

/** Properties lifted into the event's ids or context: they leave `properties`. */
const LIFTED_PROPERTIES = [
  'distinct_id',
  'token',
  '$anon_distinct_id',
  '$device_id',
  '$is_identified',
  '$session_id',
  '$current_url',
  '$pathname',
  '$referrer',
  '$raw_user_agent',
  '$ip',
  '$browser_language',
  '$device_type',
  '$device_manufacturer',
  '$device_model',
  '$lib',
  '$lib_version',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
];

/** The project key a capture payload authenticates with: `api_key`, or `token` inside properties (posthog-js). */
export function postHogApiKeyOf(payload: unknown): string | undefined {
  if (!isRecord(payload)) return undefined;
  const properties = isRecord(payload['properties'])
    ? payload['properties']
    : {};
  const key = payload['api_key'] ?? properties['token'];
  return typeof key === 'string' ? key : undefined;
}

/**
 * Maps one PostHog capture payload to a validated PulseEvent.
 *
 * `distinct_id` is the user id once identified and the device's anonymous id before: it becomes
 * `anonymousId` when `$is_identified` is false or it equals `$device_id`, else `userId`.
 * `$identify` becomes an identify event linking `$anon_distinct_id` to `distinct_id`, with `$set`
 * and `$set_once` as `traits` and `traits_set_once`.
 */
export function mapPostHogCapture(
  payload: unknown,
  options: CompatMappingOptions,
): CompatMappingResult {
  if (!isRecord(payload))
    return rejected(
      '',
      'isObject',
      'the PostHog payload must be a JSON object',
    );
  const eventName = payload['event'];
  if (typeof eventName !== 'string' || eventName === '') {
    return rejected(
      'event',
      'isDefined',
      'event is required in a PostHog capture payload',
    );
  }
  const rawProperties = payload['properties'] ?? {};
  if (!isRecord(rawProperties))
    return rejected('properties', 'isObject', 'properties must be an object');
  const distinctId = payload['distinct_id'] ?? rawProperties['distinct_id'];
  if (typeof distinctId !== 'string' || distinctId === '') {
    return rejected(
      'distinct_id',
      'isDefined',
      'distinct_id is required and must be a non-empty string',
    );
  }
  const sentAt = payload['sent_at'] ?? options.sentAt;
  if (sentAt != null && !isIsoTimestampWithOffset(sentAt)) {
    return rejected(
      'sent_at',
      'isTimestamp',
      'sent_at must be an ISO-8601 date-time with a time-zone offset',
    );
  }
  const offset = payload['offset'];
  if (
    offset != null &&
    (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
  ) {
    return rejected(
      'offset',
      'isCount',
      'offset must be a whole number of milliseconds ≥ 0',
    );
  }
  const type = POSTHOG_EVENT_TYPES.get(eventName) ?? toEventTypeName(eventName);
  if (!isValidEventTypeName(type)) {
    return rejected(
      'event',
      'isEventTypeName',
      `event "${eventName}" must start with a letter and make a snake_case name of at most 64 characters (it made "${type}")`,
    );
  }

  const validated = validatePulseEvent(
    {
      ...presentOnly({ eventId: payload['uuid'] }),
      type,
      timestamp: resolveEventTime({
        timestamp: payload['timestamp'],
        sentAt: sentAt ?? undefined,
        offsetMs: (offset ?? undefined) as number | undefined,
        receivedAt: options.receivedAt,
      }),
      ...identitiesOf(type, distinctId, rawProperties),
      ...presentOnly({ sessionId: rawProperties['$session_id'] }),
      properties: propertiesOf(type, payload, rawProperties),
      ...presentOnly({ context: contextOf(type, rawProperties) }),
    },
    options.schema,
  );
  if (!validated.ok)
    return {
      ok: false,
      errors: renameIssueFields(validated.errors, POSTHOG_FIELD_NAMES),
    };
  return { ...validated, ...presentOnly({ sentAt: sentAt ?? undefined }) };
}

const POSTHOG_FIELD_NAMES = [
  ['eventId', 'uuid'],
  ['sessionId', 'properties.$session_id'],
  ['properties.traits_set_once', '$set_once'],
  ['properties.traits', '$set'],
  ['properties.previous_id', 'properties.alias'],
] as const;

function identitiesOf(
  type: string,
  distinctId: string,
  properties: Record<string, unknown>,
): { userId?: unknown; anonymousId?: unknown } {
  const deviceId = properties['$device_id'];
  if (type === 'identify') {
    const anonymousId = properties['$anon_distinct_id'] ?? deviceId;
    return presentOnly({
      userId: distinctId,
      anonymousId: anonymousId === distinctId ? undefined : anonymousId,
    });
  }
  if (type === 'alias') return { userId: distinctId };
  const isAnonymous =
    properties['$is_identified'] === false || distinctId === deviceId;
  return isAnonymous
    ? { anonymousId: distinctId }
    : presentOnly({ userId: distinctId, anonymousId: deviceId });
}

function propertiesOf(
  type: string,
  payload: Record<string, unknown>,
  properties: Record<string, unknown>,
): unknown {
  const remaining = Object.fromEntries(
    Object.entries(properties).filter(
      ([key]) => !LIFTED_PROPERTIES.includes(key),
    ),
  );
  switch (type) {
    case 'identify': {
      const { $set, $set_once, ...rest } = remaining;
      return {
        ...rest,
        ...presentOnly({
          traits: payload['$set'] ?? $set,
          traits_set_once: payload['$set_once'] ?? $set_once,
        }),
      };
    }
    case 'alias': {
      const { alias, ...rest } = remaining;
      return { ...rest, previous_id: alias };
    }
    case 'group': {
      const { $group_type, $group_key, $group_set, ...rest } = remaining;
      return {
        ...rest,
        group_id: $group_key,
        ...presentOnly({ group_type: $group_type, traits: $group_set }),
      };
    }
    case 'screen_view': {
      const { $screen_name, ...rest } = remaining;
      return { ...rest, ...presentOnly({ name: $screen_name }) };
    }
    case 'page_view':
      // Segment's page events carry url, path and referrer as properties too: both arrive alike.
      return { ...remaining, ...pageOf(properties) };
    default:
      return remaining;
  }
}

function pageOf(properties: Record<string, unknown>): Record<string, unknown> {
  return presentOnly({
    url: properties['$current_url'],
    path: properties['$pathname'],
    referrer: properties['$referrer'],
  });
}

function contextOf(type: string, properties: Record<string, unknown>): unknown {
  return nonEmpty(
    presentOnly({
      // posthog-js sends the document title as `title` on $pageview only; elsewhere `title` is the app's own.
      page: nonEmpty({
        ...pageOf(properties),
        ...presentOnly({
          title: type === 'page_view' ? properties['title'] : undefined,
        }),
      }),
      userAgent: properties['$raw_user_agent'],
      ip: properties['$ip'],
      locale: properties['$browser_language'],
      device: nonEmpty(
        presentOnly({
          type: properties['$device_type'],
          manufacturer: properties['$device_manufacturer'],
          model: properties['$device_model'],
        }),
      ),
      campaign: nonEmpty(
        presentOnly({
          name: properties['utm_campaign'],
          source: properties['utm_source'],
          medium: properties['utm_medium'],
          term: properties['utm_term'],
          content: properties['utm_content'],
        }),
      ),
      library: nonEmpty(
        presentOnly({
          name: properties['$lib'],
          version: properties['$lib_version'],
        }),
      ),
    }),
  );
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}
