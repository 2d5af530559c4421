import type { ReportHeading, ReportSectionTable } from '../lib/generation/report-content';

export const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

/** A heading with a hostile report name: every format must show it as text. */
export const HEADING: ReportHeading = {
  reportId: 'r1',
  runId: 'u1',
  name: `Weekly ${XSS}`,
  type: 'executive_summary',
  from: '2026-03-25',
  to: '2026-03-31',
  timeZone: 'Europe/Berlin',
  generatedAt: new Date('2026-04-01T06:00:00Z'),
};

/** Sections of every kind as the reader lays them out, with figures small enough to check by hand. */
export const SECTIONS: ReportSectionTable[] = [
  {
    title: 'Events',
    kind: 'metric',
    columns: ['value', 'previous', 'change', 'changePercent'],
    groupColumns: 0,
    previousPeriod: { from: '2026-03-18', to: '2026-03-24' },
    rows: [[1250.5, 1000, 250.5, 25.05]],
  },
  {
    title: 'Orders',
    kind: 'metric',
    columns: ['value', 'previous', 'change', 'changePercent'],
    groupColumns: 0,
    previousPeriod: { from: '2026-03-18', to: '2026-03-24' },
    rows: [[2, 0, 2, null]],
  },
  {
    title: 'Users by device',
    kind: 'metric',
    columns: ['device', 'value', 'previous', 'change', 'changePercent'],
    groupColumns: 1,
    previousPeriod: { from: '2026-03-18', to: '2026-03-24' },
    rows: [
      ['mobile', 30, 40, -10, -25],
      [XSS, 5, 5, 0, 0],
    ],
  },
  {
    title: 'Events per day',
    kind: 'chart',
    columns: ['day', 'value'],
    groupColumns: 0,
    rows: [
      ['2026-03-25', 2],
      ['2026-03-26', 0],
      ['2026-03-27', 3.5],
    ],
  },
  {
    title: `Per day ${XSS}`,
    kind: 'table',
    columns: ['device', 'day', 'value'],
    groupColumns: 1,
    rows: [
      ['desktop', '2026-03-25', 1],
      ['desktop', '2026-03-26', 4],
      ['mobile', '2026-03-25', 2],
      ['mobile', '2026-03-26', 0],
    ],
  },
  { title: 'Note', kind: 'text', columns: ['text'], rows: [[`Read me ${XSS}`]] },
];

export async function* sectionsOf(tables: readonly ReportSectionTable[]): AsyncGenerator<ReportSectionTable> {
  for (const table of tables) yield table;
}

/** The writer's chunks as one buffer. */
export async function collectFile(chunks: AsyncIterable<string | Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return Buffer.concat(parts);
}
