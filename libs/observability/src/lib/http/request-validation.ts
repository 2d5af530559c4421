import { BadRequestException, HttpStatus, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { fieldNameOf, fieldNestedTooDeep, summarizeIssues, type ValidationIssue } from '@pulse/contracts';

/**
 * class-validator for request bodies and query strings, answering 400 with
 * `{ statusCode, error, message, errors: [{ field, rule, message }] }` — the shape of every Pulse route.
 * Fields are named by their full path (`steps[0].filters[1].property`, as event validation names them).
 * Unknown fields are refused, not dropped: a misspelt `groupby` must not silently change the answer.
 * `transform` (default on) turns query-string text into the DTO's numbers and booleans.
 */
export function requestValidationPipe(options: { transform?: boolean } = {}): ValidationPipe {
  return new NestingLimitedValidationPipe({
    transform: options.transform ?? true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => badRequest(errors.flatMap((error) => validationIssuesOf(error))),
  });
}

/**
 * Levels of arrays and objects a request may nest (a query's deepest field, `series[0].filters[0].values[0]`,
 * is 5). class-transformer walks a body recursively and overflows the stack near 1,500 levels of arrays,
 * which answered 500: deeper bodies are refused before it runs.
 */
export const MAX_REQUEST_NESTING = 32;

class NestingLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = fieldNestedTooDeep(value, MAX_REQUEST_NESTING);
    if (field !== undefined) {
      throw badRequest([{ field, rule: 'maxNesting', message: `${field} nests arrays or objects more than ${MAX_REQUEST_NESTING} levels deep` }]);
    }
    return super.transform(value, metadata);
  }
}

/** A 400 in the same shape, for rules that span fields or need the tenant (end before start, range per granularity). */
export function badRequest(issues: readonly ValidationIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'Bad Request',
    message: summarizeIssues(issues),
    errors: issues,
  });
}

/** One class-validator error (and its children) as issues named by their full path. */
export function validationIssuesOf(error: ValidationError, parent = ''): ValidationIssue[] {
  const property = fieldNameOf(error.property);
  const field = parent === '' ? property : /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
  const constraints = Object.entries(error.constraints ?? {});
  // A missing field breaks its format rules too; "is required" is the one worth saying.
  const relevant = constraints.some(([rule]) => rule === 'isDefined') ? constraints.filter(([rule]) => rule === 'isDefined') : constraints;
  const own = relevant.map(([rule, message]): ValidationIssue => {
    if (rule === 'whitelistValidation') return { field, rule: 'isUnknownField', message: `${field} is not a field of this request` };
    if (rule === 'isDefined') return { field, rule, message: `${field} is required` };
    // class-validator starts messages with the property's own name: widen it to the full path.
    return { field, rule, message: widenedMessage(message, error.property, field) };
  });
  return [...own, ...(error.children ?? []).flatMap((child) => validationIssuesOf(child, field))];
}

/** class-validator's message with the property's name (first, or after "each value in ") widened to the field's full path. */
function widenedMessage(message: string, property: string, field: string): string {
  if (message.startsWith(property)) return `${field}${message.slice(property.length)}`;
  const each = `each value in ${property}`;
  return message.startsWith(each) ? `each value in ${field}${message.slice(each.length)}` : message;
}
