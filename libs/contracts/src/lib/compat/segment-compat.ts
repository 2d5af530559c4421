import { KnownEventType } from '../events/event-types';
import { EventContext } from '../events/pulse-event';
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

export const SEGMENT_MESSAGE_TYPES = [
  'track',
  'identify',
  'page',
  'screen',
  'group',
  'alias',
] as const;
export type SegmentMessageType = (typeof SEGMENT_MESSAGE_TYPES)[number];

/** A message of Segment's HTTP tracking API (one element of `/v1/batch`, or the body of `/v1/track`…). */
export interface SegmentMessage {
  type: SegmentMessageType;
  messageId?: string;
  timestamp?: string;
  sentAt?: string;
  userId?: string | null;
  anonymousId?: string | null;
  event?: string;
  name?: string;
  groupId?: string;
  previousId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/**
 * Segment e-commerce spec names (snake-cased) that are registered Pulse types under another name,
 * so events from existing Segment integrations land in the commerce rollups.
 */
export const SEGMENT_EVENT_ALIASES: ReadonlyMap<string, KnownEventType> =
  new Map([
    ['product_viewed', 'product_view'],
    ['product_added', 'add_to_cart'],
    ['product_removed', 'remove_from_cart'],
    ['checkout_started', 'checkout_start'],
    ['order_completed', 'purchase'],
    ['products_searched', 'search'],
    ['product_list_filtered', 'filter'],
  ]);

/** The Segment field each message type cannot do without, beyond the ids. */
const REQUIRED_SEGMENT_FIELDS: Partial<Record<SegmentMessageType, string>> = {
  track: 'event',
  group: 'groupId',
  alias: 'previousId',
};

/**
 * Maps one Segment message to a validated PulseEvent. identify, alias and group become identity
 * events; page and screen become page_view and screen_view; track names are snake-cased (and
 * e-commerce names aliased). Errors name Segment's fields where the mapping renamed them.
 */
export function mapSegmentMessage(
  message: unknown,
  options: CompatMappingOptions,
): CompatMappingResult {
  if (!isRecord(message))
    return rejected(
      '',
      'isObject',
      'the Segment message must be a JSON object',
    );
  const kind = message['type'];
  if (!SEGMENT_MESSAGE_TYPES.includes(kind as SegmentMessageType)) {
    return rejected(
      'type',
      'isIn',
      `type must be one of: ${SEGMENT_MESSAGE_TYPES.join(', ')}`,
    );
  }
  const segmentType = kind as SegmentMessageType;
  const requiredField = REQUIRED_SEGMENT_FIELDS[segmentType];
  if (
    requiredField !== undefined &&
    !isNonEmptyString(message[requiredField])
  ) {
    return rejected(
      requiredField,
      'isDefined',
      `${requiredField} is required in a Segment ${segmentType} message`,
    );
  }
  const sentAt = message['sentAt'] ?? options.sentAt;
  if (sentAt != null && !isIsoTimestampWithOffset(sentAt)) {
    return rejected(
      'sentAt',
      'isTimestamp',
      'sentAt must be an ISO-8601 date-time with a time-zone offset',
    );
  }

  const type = pulseTypeOf(segmentType, message);
  if (!isValidEventTypeName(type)) {
    return rejected(
      'event',
      'isEventTypeName',
      `event "${String(message['event'])}" must start with a letter and make a snake_case name of at most 64 characters (it made "${type}")`,
    );
  }
  const validated = validatePulseEvent(
    {
      ...presentOnly({
        eventId: message['messageId'],
        userId: message['userId'],
        anonymousId: message['anonymousId'],
        context: mapSegmentContext(message['context']),
      }),
      type,
      timestamp: resolveEventTime({
        timestamp: message['timestamp'],
        sentAt: sentAt ?? undefined,
        receivedAt: options.receivedAt,
      }),
      properties: propertiesOf(segmentType, type, message),
    },
    options.schema,
  );
  if (!validated.ok)
    return {
      ok: false,
      errors: renameIssueFields(
        validated.errors,
        SEGMENT_FIELD_NAMES[segmentType],
      ),
    };
  return { ...validated, ...presentOnly({ sentAt: sentAt ?? undefined }) };
}

const COMMON_FIELD_NAMES = [['eventId', 'messageId']] as const;
const SEGMENT_FIELD_NAMES: Record<
  SegmentMessageType,
  ReadonlyArray<readonly [string, string]>
> = {
  track: COMMON_FIELD_NAMES,
  identify: [...COMMON_FIELD_NAMES, ['properties.traits', 'traits']],
  page: COMMON_FIELD_NAMES,
  screen: COMMON_FIELD_NAMES,
  group: [
    ...COMMON_FIELD_NAMES,
    ['properties.group_id', 'groupId'],
    ['properties.traits', 'traits'],
  ],
  alias: [...COMMON_FIELD_NAMES, ['properties.previous_id', 'previousId']],
};

function pulseTypeOf(
  segmentType: SegmentMessageType,
  message: Record<string, unknown>,
): string {
  switch (segmentType) {
    case 'track': {
      const name = toEventTypeName(message['event'] as string);
      return SEGMENT_EVENT_ALIASES.get(name) ?? name;
    }
    case 'page':
      return 'page_view';
    case 'screen':
      return 'screen_view';
    default:
      return segmentType;
  }
}

function propertiesOf(
  segmentType: SegmentMessageType,
  type: string,
  message: Record<string, unknown>,
): unknown {
  const properties = message['properties'] ?? {};
  const context = isRecord(message['context']) ? message['context'] : {};
  switch (segmentType) {
    case 'track':
      return type === 'purchase' || type === 'checkout_start'
        ? withItemsFromProducts(properties)
        : properties;
    case 'page':
    case 'screen':
      return isRecord(properties)
        ? { ...properties, ...presentOnly({ name: message['name'] }) }
        : properties;
    case 'identify':
      return presentOnly({ traits: message['traits'] ?? context['traits'] });
    case 'group':
      return {
        group_id: message['groupId'],
        ...presentOnly({ traits: message['traits'] }),
      };
    case 'alias':
      return { previous_id: message['previousId'] };
  }
}

/** Segment's e-commerce spec lists `products`; Pulse calls them `items`. */
function withItemsFromProducts(properties: unknown): unknown {
  if (
    !isRecord(properties) ||
    properties['items'] !== undefined ||
    properties['products'] === undefined
  )
    return properties;
  const { products, ...rest } = properties;
  return { ...rest, items: products };
}

/** Keeps the context fields Pulse defines; Segment's os, app, screen, network… are dropped. */
function mapSegmentContext(context: unknown): unknown {
  if (!isRecord(context)) return context;
  const referrer = context['referrer'];
  const mapped: EventContext = presentOnly({
    page: pick(context['page'], ['url', 'path', 'title', 'referrer']),
    // Segment's context.referrer is an object ({ type, name, url, link }) on mobile.
    referrer: isRecord(referrer) ? referrer['url'] : referrer,
    userAgent: context['userAgent'],
    ip: context['ip'],
    locale: context['locale'],
    device: pick(context['device'], ['type', 'manufacturer', 'model']),
    campaign: pick(context['campaign'], [
      'name',
      'source',
      'medium',
      'term',
      'content',
    ]),
    library: pick(context['library'], ['name', 'version']),
  }) as EventContext;
  return Object.keys(mapped).length > 0 ? mapped : undefined;
}

/** The named fields of an object; anything that is not an object passes through for validation to reject. */
function pick(value: unknown, keys: readonly string[]): unknown {
  if (!isRecord(value)) return value;
  const picked = presentOnly(
    Object.fromEntries(keys.map((key) => [key, value[key]])),
  );
  return Object.keys(picked).length > 0 ? picked : undefined;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
