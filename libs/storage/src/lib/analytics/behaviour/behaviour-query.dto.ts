import {
  BEHAVIOUR_PROPERTY_NAME_PATTERN,
  conversionWindowMs,
  FUNNEL_ORDERS,
  FUNNEL_START_MODES,
  FUNNEL_WINDOW_UNITS,
  funnelDefinitionProblems,
  MAX_RETENTION_PERIODS,
  PROPERTY_OPERATORS,
  propertyFilterProblem,
  RETENTION_PERIODS,
  type FilterScalar,
  type FunnelDefinition,
  type QueryIssue,
} from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'valueFitsOperator' })
class ValueFitsOperator implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    const filter = args.object as BehaviourPropertyFilterDto;
    if (!(PROPERTY_OPERATORS as readonly string[]).includes(filter.operator)) return true; // reported by the operator's own rule
    return propertyFilterProblem({ ...filter, property: 'x' } as never, 'filter') === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    const filter = args.object as BehaviourPropertyFilterDto;
    return (propertyFilterProblem({ ...filter, property: 'x' } as never, 'filter') ?? '').replace('filter.value', 'value');
  }
}

export class BehaviourPropertyFilterDto {
  @IsDefined()
  @IsString()
  @Matches(BEHAVIOUR_PROPERTY_NAME_PATTERN, {
    message: '$property must be a property name (a letter or _, then letters, digits, _ . $ -)',
  })
  property!: string;

  @IsDefined()
  @IsIn(PROPERTY_OPERATORS)
  operator!: string;

  @Validate(ValueFitsOperator)
  value?: FilterScalar | FilterScalar[];
}

export class BehaviourEventMatcherDto {
  @IsDefined()
  @IsString()
  @Length(1, 200)
  eventType!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BehaviourPropertyFilterDto)
  filters?: BehaviourPropertyFilterDto[];
}

export class FunnelConversionWindowDto {
  @IsDefined()
  @IsInt()
  @Min(1)
  value!: number;

  @IsDefined()
  @IsIn(FUNNEL_WINDOW_UNITS)
  unit!: string;
}

export class FunnelExclusionQueryDto extends BehaviourEventMatcherDto {
  @IsDefined()
  @IsInt()
  @Min(1)
  afterStep!: number;

  @IsDefined()
  @IsInt()
  @Min(2)
  beforeStep!: number;
}

/**
 * `@ValidateIf` for a field that may be left out but not sent as null: `@IsOptional` lets null through to the
 * query builders, which read `null.filters` or `null.value` (a 500); validated, null is a 400 naming the field.
 */
export function presentOrNull(_request: object, value: unknown): boolean {
  return value !== undefined;
}

export const MAX_FUNNEL_STEPS = 10;
export const MAX_CONVERSION_WINDOW_SECONDS = 90 * 86_400;

/**
 * A funnel over a range given elsewhere (a dashboard's, a report's): `POST /v1/funnels`'s body without range and
 * segment. Dashboards and reports share it; the insights route documents the same rules with its own DTO.
 */
export class FunnelQueryDto {
  @IsDefined()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_FUNNEL_STEPS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BehaviourEventMatcherDto)
  steps!: BehaviourEventMatcherDto[];

  @ValidateIf(presentOrNull)
  @IsInt()
  @Min(1)
  @Max(MAX_CONVERSION_WINDOW_SECONDS)
  conversionWindowSeconds?: number;

  @ValidateIf(presentOrNull)
  @IsObject()
  @ValidateNested()
  @Type(() => FunnelConversionWindowDto)
  conversionWindow?: FunnelConversionWindowDto;

  @IsOptional()
  @IsIn(FUNNEL_START_MODES)
  startMode?: string;

  @IsOptional()
  @IsIn(FUNNEL_ORDERS)
  order?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FunnelExclusionQueryDto)
  exclusions?: FunnelExclusionQueryDto[];

  @IsOptional()
  @IsString()
  @Matches(BEHAVIOUR_PROPERTY_NAME_PATTERN, {
    message: '$property must be a property name (a letter or _, then letters, digits, _ . $ -)',
  })
  breakdownProperty?: string;
}

/** Retention from a range's first day: `POST /v1/retention`'s body without start and segment. */
export class RetentionQueryDto {
  @IsDefined()
  @IsIn(RETENTION_PERIODS)
  period!: string;

  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_RETENTION_PERIODS)
  periods!: number;

  @ValidateIf(presentOrNull)
  @IsObject()
  @ValidateNested()
  @Type(() => BehaviourEventMatcherDto)
  cohortEvent?: BehaviourEventMatcherDto;

  @ValidateIf(presentOrNull)
  @IsObject()
  @ValidateNested()
  @Type(() => BehaviourEventMatcherDto)
  returnEvent?: BehaviourEventMatcherDto;
}

/** The funnel a query stands for (its window from either field). */
export function funnelQueryDefinition(query: FunnelQueryDto): FunnelDefinition {
  const windowMs =
    query.conversionWindowSeconds !== undefined
      ? query.conversionWindowSeconds * 1000
      : conversionWindowMs(
          query.conversionWindow as {
            value: number;
            unit: 'minute' | 'hour' | 'day' | 'week';
          },
        );
  return {
    steps: query.steps.map((step) => ({
      eventType: step.eventType,
      filters: (step.filters ?? []) as never,
    })),
    conversionWindowMs: windowMs,
    breakdownProperty: query.breakdownProperty,
    startMode: query.startMode as FunnelDefinition['startMode'],
    order: query.order as FunnelDefinition['order'],
    exclusions: query.exclusions?.map((exclusion) => ({
      eventType: exclusion.eventType,
      filters: (exclusion.filters ?? []) as never,
      afterStep: exclusion.afterStep,
      beforeStep: exclusion.beforeStep,
    })),
  };
}

/**
 * What the DTO's shape cannot say about a well-shaped funnel query: exactly one window, at most 90 days, and
 * analytics-core's rules on steps and exclusions. Fields are prefixed (`query.conversionWindow`).
 */
export function funnelQueryIssues(query: FunnelQueryDto, prefix: string): QueryIssue[] {
  if ((query.conversionWindow === undefined) === (query.conversionWindowSeconds === undefined)) {
    const got = query.conversionWindow === undefined ? 'neither' : 'both';
    return [
      {
        field: `${prefix}.conversionWindow`,
        rule: 'exactlyOneWindow',
        message: `exactly one of conversionWindow and conversionWindowSeconds is required, got ${got}`,
      },
    ];
  }
  const definition = funnelQueryDefinition(query);
  if (definition.conversionWindowMs > MAX_CONVERSION_WINDOW_SECONDS * 1000) {
    return [
      {
        field: `${prefix}.conversionWindow.value`,
        rule: 'max',
        message: `${prefix}.conversionWindow.value must make a window of at most 90 days`,
      },
    ];
  }
  return funnelDefinitionProblems(definition).map((problem) => ({
    ...problem,
    field: `${prefix}.${problem.field}`,
  }));
}
