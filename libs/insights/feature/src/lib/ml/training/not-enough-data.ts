import { HttpStatus, UnprocessableEntityException } from '@nestjs/common';

/** What a training needs and what it found, by name (persons, churned, conversations with a score…). */
export type DataCounts = Record<string, number>;

/** 422: the tenant's data cannot train this model yet; the answer says how much is needed and how much there is. */
export class NotEnoughDataException extends UnprocessableEntityException {
  constructor(
    message: string,
    readonly needed: DataCounts,
    readonly found: DataCounts,
  ) {
    super({ statusCode: HttpStatus.UNPROCESSABLE_ENTITY, error: 'Unprocessable Entity', message, needed, found });
  }
}

/** The counts below their minimum, or undefined when every one is met. */
export function shortfall(needed: DataCounts, found: DataCounts): string[] | undefined {
  const missing = Object.keys(needed).filter((name) => (found[name] ?? 0) < needed[name]);
  return missing.length === 0 ? undefined : missing;
}
