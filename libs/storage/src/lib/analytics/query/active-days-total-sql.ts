import { ACTIVE_DAY_WORDS, type ActiveDayYearMask } from '@pulse/analytics-core';
import type { SqlParameters } from './sql-parameters';

const WORDS = Array.from({ length: ACTIVE_DAY_WORDS }, (_, word) => word);

/**
 * A scalar subquery: distinct persons of the tenant with an active day under the masks (one per local
 * year of the range), from `person_active_days`. Within one year a person is one row, so `count(*)`;
 * across years the same person has a row per year, so distinct user keys. Masks are bound parameters
 * (the years and one bigint array per word, unnested side by side).
 */
export function activeDaysTotalSql(parameters: SqlParameters, tenantIdPlaceholder: string, masks: readonly ActiveDayYearMask[]): string {
  const years = parameters.bind(
    masks.map((mask) => mask.year),
    'int[]',
  );
  const words = WORDS.map((word) =>
    parameters.bind(
      masks.map((mask) => mask.words[word].toString()),
      'bigint[]',
    ),
  );
  const persons = masks.length > 1 ? `count(DISTINCT p."user_key")` : 'count(*)';
  return `SELECT ${persons}
      FROM unnest(${years}, ${words.join(', ')}) AS m("year", ${WORDS.map((word) => `"m${word}"`).join(', ')})
      JOIN "person_active_days" p ON p."tenant_id" = ${tenantIdPlaceholder} AND p."year" = m."year"
     WHERE ${WORDS.map((word) => `(p."w${word}" & m."m${word}") <> 0`).join(' OR ')}`;
}
