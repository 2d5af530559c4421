import { BadRequestException, HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { summarizeIssues, type ValidationIssue } from '@pulse/contracts';

/**
 * class-validator for admin bodies, answering 400 with `errors: [{ field, rule, message }]` like the
 * event routes. Unknown fields are refused rather than silently dropped: a typo must not go unnoticed.
 */
export function adminValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const issues = errors.flatMap((error) => issuesOf(error));
      return new BadRequestException({
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        message: summarizeIssues(issues),
        errors: issues,
      });
    },
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
    message: rule === 'whitelistValidation' ? `${field} is not a field of this request` : message,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => issuesOf(child, field))];
}
