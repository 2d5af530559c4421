import { badRequest } from '@pulse/observability';

export const MAX_RANGE_DAYS = 366;

/** The validated [from, to) of a request: to after from, at most MAX_RANGE_DAYS apart (400 otherwise). */
export function parseTimeRange(range: { from: string; to: string }): { from: Date; to: Date } {
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (!(to.getTime() > from.getTime())) {
    throw badRequest([{ field: 'to', rule: 'isAfterFrom', message: 'to must be after from' }]);
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw badRequest([{ field: 'to', rule: 'maxRange', message: `to must be at most ${MAX_RANGE_DAYS} days after from` }]);
  }
  return { from, to };
}
