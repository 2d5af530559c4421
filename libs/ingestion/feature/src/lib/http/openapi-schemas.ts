import type { ApiBodyOptions } from '@nestjs/swagger';
import { EVENT_CATEGORIES } from '@pulse/contracts';

/** @nestjs/swagger does not export `SchemaObject` from its index; this is the same type. */
type SchemaObject = Extract<ApiBodyOptions, { schema: unknown }>['schema'];

/** The canonical event as OpenAPI shows it; `validatePulseEvent` (contracts) is the real rule book. */
export const PULSE_EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'timestamp', 'properties'],
  properties: {
    eventId: { type: 'string', maxLength: 128, description: 'Your id for the event (de-duplication key); assigned when absent' },
    type: { type: 'string', maxLength: 64, example: 'purchase', description: 'snake_case; registered types have typed properties' },
    category: { type: 'string', enum: [...EVENT_CATEGORIES], description: 'Optional; fixed by the type when registered' },
    timestamp: { type: 'string', format: 'date-time', example: '2025-03-01T12:00:00.000Z', description: 'ISO-8601 with an offset' },
    sentAt: { type: 'string', format: 'date-time', description: 'When the client sent it: corrects a wrong client clock' },
    userId: { type: 'string', description: 'userId or anonymousId is required, except for system, model_usage and import events' },
    anonymousId: { type: 'string' },
    sessionId: { type: 'string' },
    properties: { type: 'object', additionalProperties: true, example: { order_id: 'o-1', revenue: 42.5, currency: 'EUR' } },
    context: {
      type: 'object',
      description: 'page, referrer, userAgent, ip, locale, device, campaign, library',
      additionalProperties: true,
    },
  },
};

export const NATIVE_BATCH_SCHEMA: SchemaObject = {
  oneOf: [
    { type: 'array', items: PULSE_EVENT_SCHEMA },
    {
      type: 'object',
      required: ['events'],
      properties: {
        events: { type: 'array', items: PULSE_EVENT_SCHEMA },
        sentAt: { type: 'string', format: 'date-time', description: 'Send time of the whole batch' },
      },
    },
  ],
};

export const SEGMENT_MESSAGE_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'A message of the Segment HTTP tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/)',
  properties: {
    type: { type: 'string', enum: ['track', 'identify', 'page', 'screen', 'group', 'alias'] },
    messageId: { type: 'string' },
    userId: { type: 'string' },
    anonymousId: { type: 'string' },
    event: { type: 'string', example: 'Order Completed' },
    name: { type: 'string' },
    groupId: { type: 'string' },
    previousId: { type: 'string' },
    properties: { type: 'object', additionalProperties: true },
    traits: { type: 'object', additionalProperties: true },
    context: { type: 'object', additionalProperties: true },
    timestamp: { type: 'string', format: 'date-time' },
    sentAt: { type: 'string', format: 'date-time' },
  },
};

export const SEGMENT_BATCH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['batch'],
  properties: {
    batch: { type: 'array', items: SEGMENT_MESSAGE_SCHEMA },
    sentAt: { type: 'string', format: 'date-time' },
    context: { type: 'object', additionalProperties: true, description: 'Defaults for every message\'s context' },
    writeKey: { type: 'string', description: 'Used when no Authorization header is sent' },
  },
};

const POSTHOG_EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['event'],
  properties: {
    event: { type: 'string', example: '$pageview' },
    distinct_id: { type: 'string' },
    properties: { type: 'object', additionalProperties: true },
    timestamp: { type: 'string', format: 'date-time' },
    uuid: { type: 'string' },
    api_key: { type: 'string', description: 'The write key' },
  },
};

export const POSTHOG_CAPTURE_SCHEMA: SchemaObject = {
  description: 'One capture payload, an array of them, or { api_key, batch, sent_at } (https://posthog.com/docs/api/capture)',
  oneOf: [
    POSTHOG_EVENT_SCHEMA,
    { type: 'array', items: POSTHOG_EVENT_SCHEMA },
    {
      type: 'object',
      required: ['batch'],
      properties: {
        api_key: { type: 'string', description: 'The write key' },
        batch: { type: 'array', items: POSTHOG_EVENT_SCHEMA },
        sent_at: { type: 'string', format: 'date-time' },
      },
    },
  ],
};
