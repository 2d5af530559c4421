import type { SqlExecutor } from '../../repositories/sql-executor';

/** What an export can read: raw events, the daily event rollups, conversation states. */
export type ExportDataset = 'events' | 'daily_metrics' | 'conversations';

/** One tenant, and the range of its local days as instants [start, end) and as dates [fromDay, toDay). */
export interface ExportWindow {
  tenantId: string;
  start: Date;
  end: Date;
  fromDay: string;
  toDay: string;
}

/** Where the previous page ended: the last row's sort key (two text values, compared in SQL). */
export type ExportKey = readonly [string, string];

/** Rows as text (numbers and JSON as their PostgreSQL text), plus the key to read the next page after. */
export interface ExportPage {
  rows: Array<Record<string, string | null>>;
  next: ExportKey | undefined;
}

interface KeysetStatement {
  /** Columns exported, in order; every one is selected as text. */
  select: string;
  from: string;
  where: string;
  /** The values of the where clause's $1, $2…, from the window. */
  bind: (window: ExportWindow) => unknown[];
  /**
   * The sort key as two columns of `source`: a unique order the next page resumes after. Qualified, because a
   * bare name in ORDER BY would mean the output column of that name (often its text), and sort every page.
   */
  key: readonly [string, string];
  /** The same key cast back from the text of `key` in the row comparison. */
  keyCast: readonly [string, string];
}

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string): string => `to_char("${column}" AT TIME ZONE 'UTC', ${ISO_UTC})`;

/*
 * Keyset pages rather than a server-side cursor: a cursor holds a connection and a transaction open for
 * as long as the slowest client reads, and the embedded store (PGlite, one connection) would be blocked
 * for every other request meanwhile. Each page is one short statement on an index; between pages the
 * connection goes back to the pool.
 */
const STATEMENTS: Readonly<Record<ExportDataset, KeysetStatement>> = {
  events: {
    select: `"event_id", "type", "category", ${iso('occurred_at')} AS "occurred_at", ${iso('received_at')} AS "received_at",
             "user_id", "anonymous_id", "session_id", "properties"::text AS "properties", "context"::text AS "context"`,
    from: '"events"',
    where: `"tenant_id" = $1 AND "occurred_at" >= $2 AND "occurred_at" < $3`,
    bind: (window) => [window.tenantId, window.start, window.end],
    key: ['source."occurred_at"', 'source."event_id"'],
    keyCast: ['::timestamptz', '::varchar'],
  },
  daily_metrics: {
    select: `"bucket_label" AS "day", "event_type", "dimensions"::text AS "dimensions",
             "event_count"::text AS "event_count", "unique_users"::text AS "unique_users"`,
    from: '"event_rollups"',
    where: `"tenant_id" = $1 AND "granularity" = 'day' AND "bucket_start" >= $2 AND "bucket_start" < $3`,
    bind: (window) => [window.tenantId, window.start, window.end],
    key: ['source."bucket_start"', 'source."id"'],
    keyCast: ['::timestamptz', '::uuid'],
  },
  conversations: {
    select: `"conversation_id", "status", ${iso('started_at')} AS "started_at", "start_date"::text AS "start_date",
             ${iso('last_event_at')} AS "last_event_at", ${iso('outcome_at')} AS "outcome_at",
             "outcome_date"::text AS "outcome_date", "user_key", "channel", "message_count"::text AS "message_count"`,
    from: '"conversation_states"',
    // start_date is already the tenant-local day the conversation began on.
    where: `"tenant_id" = $1 AND "start_date" >= $2::date AND "start_date" < $3::date`,
    bind: (window) => [window.tenantId, window.fromDay, window.toDay],
    key: ['source."start_date"', 'source."conversation_id"'],
    keyCast: ['::date', '::varchar'],
  },
};

/**
 * Every row of one dataset and window in the pages' order, in one statement: what a COPY streams. Its $1, $2…
 * are `parameters`.
 */
export function exportStatementSql(dataset: ExportDataset, window: ExportWindow): { sql: string; parameters: unknown[] } {
  const statement = STATEMENTS[dataset];
  const [first, second] = statement.key;
  return {
    sql: `SELECT ${statement.select} FROM ${statement.from} AS source WHERE ${statement.where} ORDER BY ${first}, ${second}`,
    parameters: statement.bind(window),
  };
}

/**
 * Reads one dataset of one tenant page by page in a stable order, so an export streams any number of rows
 * with one page in memory. Every value is a bind parameter.
 */
export class ExportPageQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async page(dataset: ExportDataset, window: ExportWindow, after: ExportKey | undefined, limit: number): Promise<ExportPage> {
    const statement = STATEMENTS[dataset];
    const [first, second] = statement.key;
    const parameters = statement.bind(window);
    let resume = '';
    if (after) {
      parameters.push(after[0], after[1]);
      const [firstValue, secondValue] = [
        `$${parameters.length - 1}${statement.keyCast[0]}`,
        `$${parameters.length}${statement.keyCast[1]}`,
      ];
      // The first key column alone lets the index bound the scan; the pair makes the order unique.
      resume = ` AND ${first} >= ${firstValue} AND (${first}, ${second}) > (${firstValue}, ${secondValue})`;
    }
    parameters.push(limit);
    const rows: Array<Record<string, string | null>> = await this.sql.query(
      `SELECT ${statement.select}, ${first}::text AS "keyset_first", ${second}::text AS "keyset_second"
         FROM ${statement.from} AS source
        WHERE ${statement.where}${resume}
        ORDER BY ${first}, ${second}
        LIMIT $${parameters.length}`,
      parameters,
    );
    const last = rows[rows.length - 1];
    const next: ExportKey | undefined =
      rows.length === limit && last ? [String(last['keyset_first']), String(last['keyset_second'])] : undefined;
    for (const row of rows) {
      delete row['keyset_first'];
      delete row['keyset_second'];
    }
    return { rows, next };
  }
}
