import { BadRequestException, HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { summarizeIssues, type ValidationIssue } from '@pulse/contracts';

/**
 * class-validator for request bodies and query strings, answering 400 with
 * `{ statusCode, error, message, errors: [{ field, rule, message }] }` — the shape of every Pulse route.
 * Fields are named by their full path (`steps[0].filters[1].property`, as event validation names them).
 * Unknown fields are refused, not dropped: a misspelt `groupby` must not silently change the answer.
 * `transform` (default on) turns query-string text into the DTO's numbers and booleans.
 */
export function requestValidationPipe(options: { transform?: boolean } = {}): ValidationPipe {
  return new ValidationPipe({
    transform: options.transform ?? true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => badRequest(errors.flatMap((error) => validationIssuesOf(error))),
  });
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
  const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
  const constraints = Object.entries(error.constraints ?? {});
  // A missing field breaks its format rules too; "is required" is the one worth saying.
  const relevant = constraints.some(([rule]) => rule === 'isDefined') ? constraints.filter(([rule]) => rule === 'isDefined') : constraints;
  const own = relevant.map(([rule, message]): ValidationIssue => {
    if (rule === 'whitelistValidation') return { field, rule: 'isUnknownField', message: `${field} is not a field of this request` };
    if (rule === 'isDefined') return { field, rule, message: `${field} is required` };
    // class-validator starts messages with the property's own name: widen it to the full path.
    return { field, rule, message: message.startsWith(error.property) ? `${field}${message.slice(error.property.length)}` : message };
  });
  return [...own, ...(error.children ?? []).flatMap((child) => validationIssuesOf(child, field))];
}
