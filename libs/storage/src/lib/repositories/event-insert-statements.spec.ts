import { anEvent } from '../../testing/event-fixtures';
import {
  EVENT_INSERT_COLUMNS,
  EVENTS_PER_INSERT_STATEMENT,
  MAX_BIND_PARAMETERS,
  MAX_EVENTS_PER_INSERT,
  buildEventInsertStatements,
} from './event-insert-statements';

describe('buildEventInsertStatements', () => {
  it('makes no statement for no events', () => {
    expect(buildEventInsertStatements([])).toEqual([]);
  });

  it('numbers placeholders row by row and skips conflicting (tenant_id, event_id) rows', () => {
    const [statement] = buildEventInsertStatements([
      anEvent({ eventId: 'a' }),
      anEvent({ eventId: 'b' }),
    ]);

    expect(statement.sql).toBe(
      'INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", ' +
        '"user_id", "anonymous_id", "session_id", "properties", "context") VALUES ' +
        '($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), ($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) ' +
        'ON CONFLICT ("tenant_id", "event_id") DO NOTHING',
    );
    expect(statement.parameters).toHaveLength(22);
  });

  it('binds every value in column order, with JSON as text and absent identities as null', () => {
    const occurredAt = new Date('2025-01-01T00:00:00Z');
    const receivedAt = new Date('2025-01-01T00:00:01Z');

    const [statement] = buildEventInsertStatements([
      {
        tenantId: 't',
        eventId: 'e',
        type: 'signed_up',
        category: 'product',
        occurredAt,
        receivedAt,
        properties: { plan: ['pro'] },
      },
    ]);

    expect(statement.parameters).toEqual([
      't',
      'e',
      'signed_up',
      'product',
      occurredAt,
      receivedAt,
      null,
      null,
      null,
      '{"plan":["pro"]}',
      '{}',
    ]);
  });

  it('keeps SQL-looking values out of the statement text', () => {
    const [statement] = buildEventInsertStatements([
      anEvent({ type: `x'); DROP TABLE "events"; --` }),
    ]);

    expect(statement.sql).not.toContain('DROP');
    expect(statement.parameters).toContain(`x'); DROP TABLE "events"; --`);
  });

  it('splits events into statements of at most the chosen size, in order', () => {
    const events = ['a', 'b', 'c', 'd', 'e'].map((eventId) =>
      anEvent({ eventId }),
    );

    const statements = buildEventInsertStatements(events, 2);

    expect(
      statements.map(
        (statement) =>
          statement.parameters.length / EVENT_INSERT_COLUMNS.length,
      ),
    ).toEqual([2, 2, 1]);
    expect(statements.map((statement) => statement.parameters[1])).toEqual([
      'a',
      'c',
      'e',
    ]);
  });

  it('uses 1,000-row statements by default', () => {
    const events = Array.from(
      { length: EVENTS_PER_INSERT_STATEMENT + 1 },
      (_, index) => anEvent({ eventId: `e${index}` }),
    );

    expect(
      buildEventInsertStatements(events).map(
        (statement) => statement.parameters.length,
      ),
    ).toEqual([
      EVENTS_PER_INSERT_STATEMENT * EVENT_INSERT_COLUMNS.length,
      EVENT_INSERT_COLUMNS.length,
    ]);
  });

  it('never exceeds PostgreSQL’s 65,535 bind parameters, even at the largest allowed size', () => {
    const events = Array.from(
      { length: MAX_EVENTS_PER_INSERT + 1 },
      (_, index) => anEvent({ eventId: `e${index}` }),
    );

    const statements = buildEventInsertStatements(
      events,
      MAX_EVENTS_PER_INSERT,
    );

    expect(MAX_EVENTS_PER_INSERT).toBe(5957);
    expect(statements).toHaveLength(2);
    expect(
      Math.max(...statements.map((statement) => statement.parameters.length)),
    ).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
    expect(statements[0].sql).toContain(
      `$${MAX_EVENTS_PER_INSERT * EVENT_INSERT_COLUMNS.length})`,
    );
  });

  it.each([0, 1.5, MAX_EVENTS_PER_INSERT + 1])(
    'refuses %p rows per statement',
    (rowsPerStatement) => {
      expect(() =>
        buildEventInsertStatements([anEvent()], rowsPerStatement),
      ).toThrow(RangeError);
    },
  );
});
