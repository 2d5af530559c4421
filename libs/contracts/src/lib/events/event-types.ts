import {
  CartChangeProperties,
  CheckoutStartProperties,
  FilterProperties,
  PageViewProperties,
  ProductViewProperties,
  PurchaseProperties,
  ScreenViewProperties,
  SearchProperties,
} from './domains/commerce-events';
import {
  ContentBookmarkProperties,
  ContentCompleteProperties,
  ContentPlaybackProperties,
  ContentShareProperties,
  ContentViewProperties,
  SearchQueryProperties,
  SearchResultClickProperties,
} from './domains/content-events';
import {
  CitationClickedProperties,
  ConversationAbandonedProperties,
  ConversationEscalatedProperties,
  ConversationResolvedProperties,
  ConversationStartedProperties,
  KnowledgeRetrievedProperties,
  MessageReceivedProperties,
  MessageSentProperties,
} from './domains/conversation-events';
import { FreeFormProperties } from './domains/custom-events';
import {
  AliasProperties,
  GroupProperties,
  IdentifyProperties,
} from './domains/identity-events';
import {
  ImportCompletedProperties,
  ImportFailedProperties,
  ImportStartedProperties,
} from './domains/import-events';
import { ModelUsageProperties } from './domains/model-usage-events';
import { SystemMetricProperties } from './domains/system-events';
import { EventCategory, MACHINE_CATEGORIES, PulseEvent } from './pulse-event';

export type KnownEventDomain = Exclude<EventCategory, 'custom'>;

export interface EventTypeDefinition {
  readonly domain: KnownEventDomain;
  /** class-validator class the event's `properties` must satisfy. */
  readonly propertiesClass: new () => object;
  readonly description: string;
}

/**
 * Every event type Pulse knows, by snake_case name. Any other name is accepted as a `custom` event
 * with free-form properties. To add a type: write its properties class in `domains/`, add it here,
 * and add a happy-path and a rejection test to `event-types.spec.ts`.
 */
export const EVENT_TYPES = {
  // commerce (commerce analytics spec)
  page_view: {
    domain: 'commerce',
    propertiesClass: PageViewProperties,
    description: 'A page was viewed',
  },
  screen_view: {
    domain: 'commerce',
    propertiesClass: ScreenViewProperties,
    description: 'An app screen was viewed',
  },
  product_view: {
    domain: 'commerce',
    propertiesClass: ProductViewProperties,
    description: 'A product detail page was viewed',
  },
  add_to_cart: {
    domain: 'commerce',
    propertiesClass: CartChangeProperties,
    description: 'A product was added to the cart',
  },
  remove_from_cart: {
    domain: 'commerce',
    propertiesClass: CartChangeProperties,
    description: 'A product was removed from the cart',
  },
  checkout_start: {
    domain: 'commerce',
    propertiesClass: CheckoutStartProperties,
    description: 'Checkout was started',
  },
  purchase: {
    domain: 'commerce',
    propertiesClass: PurchaseProperties,
    description: 'An order was completed',
  },
  search: {
    domain: 'commerce',
    propertiesClass: SearchProperties,
    description: 'The catalogue was searched',
  },
  filter: {
    domain: 'commerce',
    propertiesClass: FilterProperties,
    description: 'A filter was applied to a product list',
  },
  // content (content analytics spec)
  content_view: {
    domain: 'content',
    propertiesClass: ContentViewProperties,
    description: 'A content item was viewed',
  },
  content_play: {
    domain: 'content',
    propertiesClass: ContentPlaybackProperties,
    description: 'Playback started or resumed',
  },
  content_pause: {
    domain: 'content',
    propertiesClass: ContentPlaybackProperties,
    description: 'Playback was paused',
  },
  content_complete: {
    domain: 'content',
    propertiesClass: ContentCompleteProperties,
    description: 'A content item was consumed to the end',
  },
  content_share: {
    domain: 'content',
    propertiesClass: ContentShareProperties,
    description: 'A content item was shared',
  },
  content_bookmark: {
    domain: 'content',
    propertiesClass: ContentBookmarkProperties,
    description: 'A content item was bookmarked',
  },
  search_query: {
    domain: 'content',
    propertiesClass: SearchQueryProperties,
    description: 'Content was searched',
  },
  search_result_click: {
    domain: 'content',
    propertiesClass: SearchResultClickProperties,
    description: 'A content search result was clicked',
  },
  // conversation (conversation analytics pipeline spec)
  conversation_started: {
    domain: 'conversation',
    propertiesClass: ConversationStartedProperties,
    description: 'A conversation began',
  },
  message_sent: {
    domain: 'conversation',
    propertiesClass: MessageSentProperties,
    description: 'The customer sent a message',
  },
  message_received: {
    domain: 'conversation',
    propertiesClass: MessageReceivedProperties,
    description: 'The customer received a reply',
  },
  conversation_resolved: {
    domain: 'conversation',
    propertiesClass: ConversationResolvedProperties,
    description: 'A conversation was resolved',
  },
  conversation_escalated: {
    domain: 'conversation',
    propertiesClass: ConversationEscalatedProperties,
    description: 'A conversation was handed to a human',
  },
  conversation_abandoned: {
    domain: 'conversation',
    propertiesClass: ConversationAbandonedProperties,
    description: 'The customer left without resolution',
  },
  knowledge_retrieved: {
    domain: 'conversation',
    propertiesClass: KnowledgeRetrievedProperties,
    description: 'Knowledge-base documents were retrieved for an answer',
  },
  citation_clicked: {
    domain: 'conversation',
    propertiesClass: CitationClickedProperties,
    description: 'A cited source was opened',
  },
  // model usage, system metrics (analytics-engine spec)
  model_usage: {
    domain: 'model_usage',
    propertiesClass: ModelUsageProperties,
    description: 'A model provider was called',
  },
  system_metric: {
    domain: 'system',
    propertiesClass: SystemMetricProperties,
    description: 'A service reported a metric',
  },
  // import jobs (content analytics spec)
  import_started: {
    domain: 'import',
    propertiesClass: ImportStartedProperties,
    description: 'An import job started',
  },
  import_completed: {
    domain: 'import',
    propertiesClass: ImportCompletedProperties,
    description: 'An import job finished',
  },
  import_failed: {
    domain: 'import',
    propertiesClass: ImportFailedProperties,
    description: 'An import job failed',
  },
  // identity (Segment and PostHog compatibility)
  identify: {
    domain: 'identity',
    propertiesClass: IdentifyProperties,
    description: 'A user was identified, or their traits changed',
  },
  alias: {
    domain: 'identity',
    propertiesClass: AliasProperties,
    description: 'Two ids were declared the same user',
  },
  group: {
    domain: 'identity',
    propertiesClass: GroupProperties,
    description: 'A user was associated with a group',
  },
} as const satisfies Record<string, EventTypeDefinition>;

export type KnownEventType = keyof typeof EVENT_TYPES;

/** The properties type of a registered event type, e.g. `EventProperties<'purchase'>`. */
export type EventProperties<T extends KnownEventType> = InstanceType<
  (typeof EVENT_TYPES)[T]['propertiesClass']
>;

export function isKnownEventType(type: unknown): type is KnownEventType {
  // Own properties only: "constructor" or "toString" is a valid snake_case name, not a registered type.
  return (
    typeof type === 'string' &&
    Object.prototype.hasOwnProperty.call(EVENT_TYPES, type)
  );
}

/**
 * An event type as a metric label: a registered type itself, `custom` for any other name (tenants' own names would
 * make unbounded series), `unknown` when no type could be read.
 */
export function eventTypeLabel(type: unknown): KnownEventType | 'custom' | 'unknown' {
  if (isKnownEventType(type)) return type;
  return typeof type === 'string' && type.trim() !== '' ? 'custom' : 'unknown';
}

export function eventTypeDefinition(
  type: unknown,
): EventTypeDefinition | undefined {
  return isKnownEventType(type) ? EVENT_TYPES[type] : undefined;
}

export function propertiesClassFor(type: unknown): new () => object {
  return eventTypeDefinition(type)?.propertiesClass ?? FreeFormProperties;
}

/** A registered type's domain; for an unregistered type the declared category, else `custom`. */
export function categoryOf(
  type: unknown,
  declaredCategory?: EventCategory,
): EventCategory {
  return eventTypeDefinition(type)?.domain ?? declaredCategory ?? 'custom';
}

export function requiresUserIdentity(
  type: unknown,
  declaredCategory?: EventCategory,
): boolean {
  return !MACHINE_CATEGORIES.includes(categoryOf(type, declaredCategory));
}

/** Narrows an event to a registered type so its properties are typed. */
export function isEventOfType<T extends KnownEventType>(
  event: PulseEvent,
  type: T,
): event is PulseEvent & {
  type: T;
  properties: EventProperties<T> & Record<string, unknown>;
} {
  return event.type === type;
}
