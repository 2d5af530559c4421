import { ACTIVE_DAY_WORDS, type ActiveDayYearMask } from '@pulse/analytics-core';
import type { SqlParameters } from './sql-parameters';

const WORDS = Array.from({ length: ACTIVE_DAY_WORDS }, (_, word) => word);

/**
 * A scalar subquery: distinct persons of the tenant with an active day under the masks (one per local
 * year of the range), from `person_active_days`. Within one year a person is one row, so `count(*)`;
 * across years the same person has a row per year, so distinct user keys. Masks are bound parameters
 * (for several years, the years and one bigint array per word, unnested side by side).
 */
export function activeDaysTotalSql(parameters: SqlParameters, tenantIdPlaceholder: string, masks: readonly ActiveDayYearMask[]): string {
  // Only the words some mask touches: a 90-day range sets two or three of the six, and every word tested is
  // an AND and a comparison on each of the tenant's persons.
  const touched = WORDS.filter((word) => masks.some((mask) => mask.words[word] !== BigInt(0)));
  if (touched.length === 0) return 'SELECT 0::int8';
  if (masks.length === 1) {
    // One year (the usual range): plain parameters, no join.
    const [mask] = masks;
    const tested = touched.map((word) => `(p."w${word}" & ${parameters.bind(mask.words[word].toString(), 'bigint')}) <> 0`);
    return `SELECT count(*) FROM "person_active_days" p
       WHERE p."tenant_id" = ${tenantIdPlaceholder} AND p."year" = ${parameters.bind(mask.year, 'int')} AND (${tested.join(' OR ')})`;
  }
  const years = parameters.bind(
    masks.map((mask) => mask.year),
    'int[]',
  );
  const words = touched.map((word) =>
    parameters.bind(
      masks.map((mask) => mask.words[word].toString()),
      'bigint[]',
    ),
  );
  return `SELECT count(DISTINCT p."user_key")
      FROM unnest(${years}, ${words.join(', ')}) AS m("year", ${touched.map((word) => `"m${word}"`).join(', ')})
      JOIN "person_active_days" p ON p."tenant_id" = ${tenantIdPlaceholder} AND p."year" = m."year"
     WHERE ${touched.map((word) => `(p."w${word}" & m."m${word}") <> 0`).join(' OR ')}`;
}
