import { IsOptional } from 'class-validator';
import {
  IsIdentifier,
  IsPlainObject,
  IsRequired,
  IsText,
} from '../../validation/property-rules';

/**
 * Identity events (Segment identify/alias/group, PostHog $identify/$create_alias/$groupidentify).
 * An identify carrying both `anonymousId` and `userId`, or an alias, links two ids for stitching:
 * see `identityLinkOf`.
 */
export class IdentifyProperties {
  @IsOptional() @IsPlainObject() readonly traits?: Record<string, unknown>;
  /** PostHog `$set_once`: traits that must not overwrite an existing value. */
  @IsOptional() @IsPlainObject() readonly traits_set_once?: Record<
    string,
    unknown
  >;
}

export class AliasProperties {
  /** The id being merged into the event's `userId`: an anonymous id or an earlier user id. */
  @IsRequired() @IsIdentifier() readonly previous_id!: string;
}

export class GroupProperties {
  @IsRequired() @IsIdentifier() readonly group_id!: string;
  /** company, team… (PostHog `$group_type`). */
  @IsOptional() @IsText(64) readonly group_type?: string;
  @IsOptional() @IsPlainObject() readonly traits?: Record<string, unknown>;
}
