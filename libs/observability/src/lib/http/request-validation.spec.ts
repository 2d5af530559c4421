import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Max, ValidateNested } from 'class-validator';
import { fieldNestedTooDeep } from '@pulse/contracts';
import { MAX_REQUEST_NESTING, requestValidationPipe } from './request-validation';

class FilterDto {
  @IsDefined() @IsString() property!: string;
  @IsIn(['equals', 'in']) operator!: string;
}

class StepDto {
  @IsString() eventType!: string;
  @IsOptional() @IsString({ each: true }) tags?: string[];
  @ValidateNested({ each: true }) @Type(() => FilterDto) filters?: FilterDto[];
}

class FunnelDto {
  @IsInt() @Max(10) limit!: number;
  @ValidateNested({ each: true }) @Type(() => StepDto) steps!: StepDto[];
}

const BODY: ArgumentMetadata = { type: 'body', metatype: FunnelDto };

async function errorsOf(body: unknown) {
  try {
    await requestValidationPipe().transform(body, BODY);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as { statusCode: number; message: string; errors: unknown[] };
  }
  throw new Error('expected a 400');
}

describe('requestValidationPipe', () => {
  it('names nested fields by their full path, keeps only "is required" for a missing field, and refuses unknown fields', async () => {
    const response = await errorsOf({
      limit: 11,
      steps: [{ eventType: 'view', filters: [{ operator: 'like' }] }],
      groupby: 'plan',
    });

    expect(response.statusCode).toBe(400);
    expect(response.errors).toEqual([
      { field: 'groupby', rule: 'isUnknownField', message: 'groupby is not a field of this request' },
      { field: 'limit', rule: 'max', message: 'limit must not be greater than 10' },
      { field: 'steps[0].filters[0].property', rule: 'isDefined', message: 'steps[0].filters[0].property is required' },
      { field: 'steps[0].filters[0].operator', rule: 'isIn', message: 'steps[0].filters[0].operator must be one of the following values: equals, in' },
    ]);
    expect(response.message).toBe(response.errors.map((issue) => (issue as { message: string }).message).join('; '));
  });

  it('passes a valid body through, as an instance of the DTO', async () => {
    const value = await requestValidationPipe().transform({ limit: 3, steps: [{ eventType: 'view' }] }, BODY);
    expect(value).toBeInstanceOf(FunnelDto);
  });
});

describe('requestValidationPipe and odd bodies', () => {
  const nested = (depth: number): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => [inner], 1);

  it('refuses a body nesting deeper than MAX_REQUEST_NESTING with a 400 naming the top-level field, before class-transformer overflows the stack', async () => {
    // 2,000 levels of arrays made class-transformer throw RangeError (a 500) before this limit.
    const response = await errorsOf({ limit: 3, steps: [{ eventType: 'view' }], colour: nested(2_000) });

    expect(response.errors).toEqual([
      { field: 'colour', rule: 'maxNesting', message: `colour nests arrays or objects more than ${MAX_REQUEST_NESTING} levels deep` },
    ]);
  });

  it('lets a body exactly MAX_REQUEST_NESTING levels deep through to the field rules', async () => {
    // The body is level 1, `colour` level 2: its value may hold MAX_REQUEST_NESTING − 2 more arrays around the number.
    const response = await errorsOf({ limit: 3, steps: [{ eventType: 'view' }], colour: nested(MAX_REQUEST_NESTING - 1) });

    expect(response.errors).toEqual([{ field: 'colour', rule: 'isUnknownField', message: 'colour is not a field of this request' }]);
    expect(fieldNestedTooDeep({ colour: nested(MAX_REQUEST_NESTING - 1) }, MAX_REQUEST_NESTING)).toBeUndefined();
    expect(fieldNestedTooDeep({ colour: nested(MAX_REQUEST_NESTING) }, MAX_REQUEST_NESTING)).toBe('colour');
  });

  it('names an unknown empty or blank key quoted ("", " ") rather than by an empty field', async () => {
    const response = await errorsOf({ limit: 3, steps: [{ eventType: 'view' }], '': 1, ' ': 2 });

    expect(response.errors).toEqual([
      { field: '""', rule: 'isUnknownField', message: '"" is not a field of this request' },
      { field: '" "', rule: 'isUnknownField', message: '" " is not a field of this request' },
    ]);
  });
});

describe('requestValidationPipe messages', () => {
  it('names the full path in "each value in …" messages too', async () => {
    const response = await errorsOf({ limit: 3, steps: [{ eventType: 'view', tags: [1] }] });

    expect(response.errors).toEqual([{ field: 'steps[0].tags', rule: 'isString', message: 'each value in steps[0].tags must be a string' }]);
  });
});
