import { Allow } from 'class-validator';

/**
 * Properties of an unregistered event type: any object. Size is limited by ingestion, not here.
 *
 * The marker exists only because class-validator (forbidUnknownValues, on by default) rejects a
 * nested object whose class declares no rule at all.
 */
export class FreeFormProperties {
  @Allow() private readonly freeFormMarker?: never;
}
