import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BEHAVIOUR_PROPERTY_NAME_PATTERN,
  PROPERTY_OPERATORS,
  propertyFilterProblem,
  type FilterScalar,
  type PropertyFilter,
  type PropertyOperator,
} from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

export const PROPERTY_NAME_RULE = {
  message: ({ property }: ValidationArguments) =>
    `${property} must match ${BEHAVIOUR_PROPERTY_NAME_PATTERN} (starts with a letter or _, then letters, digits, _ . $ -; at most 64 characters)`,
};

/** The value must suit the operator (a number for gt, a list for in, nothing for is_set…). */
@ValidatorConstraint({ name: 'valueFitsOperator' })
class ValueFitsOperator implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    const filter = args.object as PropertyFilterDto;
    if (!PROPERTY_OPERATORS.includes(filter.operator)) return true; // reported by operator's own rule
    return propertyFilterProblem({ ...filter, property: 'x' }, 'filter') === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    const filter = args.object as PropertyFilterDto;
    return (propertyFilterProblem({ ...filter, property: 'x' }, 'filter') ?? '').replace('filter.value', 'value');
  }
}

export class PropertyFilterDto implements PropertyFilter {
  @ApiProperty({ description: 'A property of the event (top level; a dot is part of the name)', example: 'plan', pattern: String(BEHAVIOUR_PROPERTY_NAME_PATTERN) })
  @IsDefined()
  @IsString()
  @Matches(BEHAVIOUR_PROPERTY_NAME_PATTERN, PROPERTY_NAME_RULE)
  property!: string;

  @ApiProperty({ enum: PROPERTY_OPERATORS, example: 'equals' })
  @IsDefined()
  @IsIn(PROPERTY_OPERATORS)
  operator!: PropertyOperator;

  @ApiPropertyOptional({ description: 'A string, number or boolean; a list for in; a number for gt/gte/lt/lte; absent for is_set/is_not_set', example: 'pro' })
  @Validate(ValueFitsOperator)
  value?: FilterScalar | FilterScalar[];
}

export class EventMatcherDto {
  @ApiProperty({ description: 'Event type', example: 'page_viewed' })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  eventType!: string;

  @ApiPropertyOptional({ type: [PropertyFilterDto], description: 'All must hold' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PropertyFilterDto)
  filters?: PropertyFilterDto[];
}
