import { exportCopySql } from './export-copy.queries';

const WINDOW = {
  tenantId: "t'1\\x",
  start: new Date('2025-03-09T23:00:00Z'),
  end: new Date('2025-03-11T23:00:00Z'),
  fromDay: '2025-03-10',
  toDay: '2025-03-12',
};

describe('exportCopySql', () => {
  it('inlines the window as literals, quotes doubled and backslashes in an E string, since COPY takes no parameters', () => {
    const sql = exportCopySql('events', WINDOW, 'csv', [{ name: 'event_id', kind: 'text' }]);
    expect(sql).toContain(`"tenant_id" = E't''1\\\\x'`);
    expect(sql).toContain(`"occurred_at" >= '2025-03-09T23:00:00.000Z' AND "occurred_at" < '2025-03-11T23:00:00.000Z'`);
    expect(sql).not.toMatch(/\$\d/);
    expect(sql).toMatch(/^COPY \(SELECT [^]* FROM \(SELECT [^]* OFFSET 0\) AS rows\) TO STDOUT WITH \(FORMAT csv, HEADER true\)$/);
  });

  it('neutralises text and JSON cells in CSV, never numbers', () => {
    const sql = exportCopySql('daily_metrics', WINDOW, 'csv', [
      { name: 'day', kind: 'text' },
      { name: 'dimensions', kind: 'json' },
      { name: 'event_count', kind: 'number' },
    ]);
    expect(sql).toContain(`CASE WHEN ascii(rows."day") IN (61, 43, 45, 64, 9, 13) THEN '''' || rows."day" ELSE rows."day" END AS "day"`);
    expect(sql).toContain(`CASE WHEN ascii(rows."dimensions")`);
    expect(sql).toContain(`END AS "dimensions", "event_count" FROM`);
  });

  it('builds NDJSON as one JSON object a row, numbers and JSON embedded as values, through CSV with a quote JSON never holds', () => {
    const sql = exportCopySql('conversations', WINDOW, 'ndjson', [
      { name: 'conversation_id', kind: 'text' },
      { name: 'message_count', kind: 'number' },
      { name: 'context', kind: 'json' },
    ]);
    expect(sql).toContain(
      `json_build_object('conversation_id', rows."conversation_id", 'message_count', rows."message_count"::numeric, 'context', rows."context"::json)::text`,
    );
    expect(sql).toContain(`"start_date" >= '2025-03-10'::date AND "start_date" < '2025-03-12'::date`);
    expect(sql).toMatch(/TO STDOUT WITH \(FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02'\)$/);
  });
});
