import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsIP,
  IsOptional,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsIdentifier,
  IsOneOf,
  IsPlainObject,
  IsRequired,
  IsSnakeCaseName,
  IsText,
  IsTimestamp,
  IsUrlText,
  registerRule,
  RequiresThisOr,
} from '../validation/property-rules';
import {
  eventTypeDefinition,
  propertiesClassFor,
  requiresUserIdentity,
} from './event-types';
import { EVENT_CATEGORIES, EventCategory } from './pulse-event';

export class PageContextDto {
  @IsOptional() @IsUrlText() readonly url?: string;
  @IsOptional() @IsUrlText() readonly path?: string;
  @IsOptional() @IsText(512) readonly title?: string;
  @IsOptional() @IsUrlText() readonly referrer?: string;
}

export class DeviceContextDto {
  /** As the client reports it (desktop, mobile, tablet, ios…); the processor normalises. */
  @IsOptional() @IsText(64) readonly type?: string;
  @IsOptional() @IsText(128) readonly manufacturer?: string;
  @IsOptional() @IsText(128) readonly model?: string;
}

export class CampaignContextDto {
  @IsOptional() @IsText() readonly name?: string;
  @IsOptional() @IsText() readonly source?: string;
  @IsOptional() @IsText() readonly medium?: string;
  @IsOptional() @IsText() readonly term?: string;
  @IsOptional() @IsText() readonly content?: string;
}

export class LibraryContextDto {
  @IsOptional() @IsText(128) readonly name?: string;
  @IsOptional() @IsText(64) readonly version?: string;
}

export class EventContextDto {
  @IsOptional()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => PageContextDto)
  readonly page?: PageContextDto;
  @IsOptional() @IsUrlText() readonly referrer?: string;
  @IsOptional() @IsText(1024) readonly userAgent?: string;
  @IsOptional()
  @IsIP(undefined, { message: '$property must be an IPv4 or IPv6 address' })
  readonly ip?: string;
  @IsOptional()
  @IsText(35)
  @Matches(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/, {
    message: '$property must be a locale such as en-US',
  })
  readonly locale?: string;
  @IsOptional()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => DeviceContextDto)
  readonly device?: DeviceContextDto;
  @IsOptional()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => CampaignContextDto)
  readonly campaign?: CampaignContextDto;
  @IsOptional()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => LibraryContextDto)
  readonly library?: LibraryContextDto;
}

/** A registered type owns its domain: `purchase` declared as `content` is a client mistake. */
const MatchesRegisteredDomain = (): PropertyDecorator =>
  registerRule(
    'matchesEventTypeDomain',
    (args) => {
      const type = (args.object as PulseEventDto).type;
      return `$property must be ${eventTypeDefinition(type)?.domain} for event type ${type} (or be omitted)`;
    },
    (value, args) => {
      const definition = eventTypeDefinition(
        (args.object as PulseEventDto).type,
      );
      return definition === undefined || value === definition.domain;
    },
  );

/**
 * Body of one event on `POST /v1/events`. Validating it with class-validator checks the envelope
 * fields, the context and, through the registry, the properties of the event's type.
 *
 * Use it without `whitelist` (extra properties are allowed) and without implicit conversion
 * (a number sent as a string must fail). `validatePulseEvent` does both and returns a `PulseEvent`.
 */
export class PulseEventDto {
  @IsOptional() @IsIdentifier() readonly eventId?: string;

  @IsRequired() @IsSnakeCaseName(64) readonly type!: string;

  /** Derived from the registry when omitted. */
  @IsOptional()
  @IsOneOf(EVENT_CATEGORIES)
  @MatchesRegisteredDomain()
  readonly category?: EventCategory;

  @IsRequired() @IsTimestamp() readonly timestamp!: string;

  @ValidateIf(
    (event: PulseEventDto) =>
      event.userId != null ||
      (event.anonymousId == null &&
        requiresUserIdentity(event.type, event.category)),
  )
  @RequiresThisOr('anonymousId')
  @IsIdentifier()
  readonly userId?: string;

  @IsOptional() @IsIdentifier() readonly anonymousId?: string;

  @IsOptional() @IsIdentifier() readonly sessionId?: string;

  @IsRequired()
  @IsPlainObject()
  @ValidateNested()
  // The class depends on the sibling `type`: class-transformer hands over the whole source object.
  @Type((help) => propertiesClassFor(help?.object['type']))
  readonly properties!: Record<string, unknown>;

  @IsOptional()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => EventContextDto)
  readonly context?: EventContextDto;
}
