import { BadRequestException, HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { summarizeIssues, type ValidationIssue } from '@pulse/contracts';

/**
 * class-validator for behaviour query bodies: 400 with `errors: [{ field, rule, message }]`, the field
 * named by its full path (`steps.1.filters.0.property`). Unknown fields are refused, not dropped.
 */
export function behaviourValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => invalidRequest(errors.flatMap((error) => issuesOf(error))),
  });
}

/** A 400 for rules that span fields (end before start), in the same shape as the pipe's. */
export function invalidRequest(issues: ValidationIssue[]): BadRequestException {
  return new BadRequestException({ statusCode: HttpStatus.BAD_REQUEST, error: 'Bad Request', message: summarizeIssues(issues), errors: issues });
}

function issuesOf(error: ValidationError, parent = ''): ValidationIssue[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const constraints = Object.entries(error.constraints ?? {});
  const relevant = constraints.some(([rule]) => rule === 'isDefined') ? constraints.filter(([rule]) => rule === 'isDefined') : constraints;
  const own = relevant.map(([rule, message]) => ({
    field,
    rule: rule === 'whitelistValidation' ? 'isUnknownField' : rule,
    message: rule === 'whitelistValidation' ? `${field} is not a field of this request` : message.startsWith(error.property) ? `${field}${message.slice(error.property.length)}` : message,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => issuesOf(child, field))];
}
