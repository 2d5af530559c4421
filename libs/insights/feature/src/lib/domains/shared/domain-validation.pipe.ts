import { BadRequestException, HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { summarizeIssues, type ValidationIssue } from '@pulse/contracts';

/**
 * class-validator for query strings and bodies, answering 400 with `errors: [{ field, rule, message }]`
 * like the other Pulse routes. Query strings arrive as text: `transform` turns them into the DTO's
 * numbers and booleans; unknown parameters are refused so a misspelt one does not silently do nothing.
 */
export function domainValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => badRequest(errors.flatMap((error) => issuesOf(error))),
  });
}

/** A 400 in the same shape, for rules that need more than one field or the tenant (e.g. range length per granularity). */
export function badRequest(issues: readonly ValidationIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'Bad Request',
    message: summarizeIssues(issues),
    errors: issues,
  });
}

function issuesOf(error: ValidationError, parent = ''): ValidationIssue[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const constraints = Object.entries(error.constraints ?? {});
  // A missing field breaks its format rules too; "is required" is the one worth saying.
  const relevant = constraints.some(([rule]) => rule === 'isDefined') ? constraints.filter(([rule]) => rule === 'isDefined') : constraints;
  const own = relevant.map(([rule, message]) => ({
    field,
    rule: rule === 'whitelistValidation' ? 'isUnknownField' : rule,
    message:
      rule === 'whitelistValidation' ? `${field} is not a parameter of this request` : rule === 'isDefined' ? `${field} is required` : message,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => issuesOf(child, field))];
}
