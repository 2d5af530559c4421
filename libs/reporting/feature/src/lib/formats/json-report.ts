import type { ReportHeading, ReportSectionTable } from '../generation/report-content';

/**
 * The report as one JSON document, written section by section as each is answered:
 * `{ report, range, generatedAt, sections: [{ title, kind, columns, rows }] }`.
 */
export async function* jsonReport(heading: ReportHeading, sections: AsyncIterable<ReportSectionTable>): AsyncGenerator<string> {
  const report = { id: heading.reportId, runId: heading.runId, name: heading.name, type: heading.type };
  const range = { from: heading.from, to: heading.to, timeZone: heading.timeZone };
  yield `{"report":${JSON.stringify(report)},"range":${JSON.stringify(range)},"generatedAt":${JSON.stringify(heading.generatedAt)},"sections":[`;
  let first = true;
  for await (const section of sections) {
    yield `${first ? '' : ','}${JSON.stringify(section)}`;
    first = false;
  }
  yield ']}';
}
