import { BadRequestException, HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { QueryIssue } from '@pulse/analytics-core';

/** 400 with every broken rule: `{ statusCode, error, message, errors: [{ field, rule, message }] }`. */
export function queryBadRequest(issues: readonly QueryIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'Bad Request',
    message: issues.map((issue) => issue.message).join('; '),
    errors: issues,
  });
}

/**
 * class-validator for the request's shape, answering like `queryBadRequest`. Unknown fields are
 * refused: a misspelt `groupby` must not silently return ungrouped numbers.
 */
export function queryValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => queryBadRequest(errors.flatMap((error) => issuesOf(error))),
  });
}

function issuesOf(error: ValidationError, parent = ''): QueryIssue[] {
  const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
  const own = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
    rule === 'whitelistValidation'
      ? { field, rule: 'isUnknownField', message: `${field} is not a field of this request` }
      : { field, rule, message: message.replace(new RegExp(`^${escapeRegExp(error.property)}\\b`), field) },
  );
  return [...own, ...(error.children ?? []).flatMap((child) => issuesOf(child, field))];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
