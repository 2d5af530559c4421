import type { ExportColumn } from './export-columns';
import { exportFileWriter, type ExportRow } from './export-formats';

const COLUMNS: ExportColumn[] = [
  { name: 'id', kind: 'text' },
  { name: 'count', kind: 'number' },
  { name: 'properties', kind: 'json' },
];

const ROWS: ExportRow[] = [
  { id: 'a,1', count: '3', properties: '{"plan": "pro", "note": "=1+1"}' },
  { id: '=cmd', count: null, properties: null },
];

function fileOf(format: 'csv' | 'json' | 'ndjson', pages: ExportRow[][]): string {
  const writer = exportFileWriter(format, COLUMNS);
  return writer.opening() + pages.map((page) => writer.rows(page)).join('') + writer.closing();
}

describe('export file writers', () => {
  it('writes CSV with a header row, LF line ends, numbers bare and JSON columns as quoted text', () => {
    expect(fileOf('csv', [ROWS])).toBe('id,count,properties\n"a,1",3,"{""plan"": ""pro"", ""note"": ""=1+1""}"\n\'=cmd,,\n');
  });

  it('writes one JSON array across pages, JSON columns embedded as values', () => {
    const text = fileOf('json', [[ROWS[0]], [ROWS[1]]]);
    expect(JSON.parse(text)).toEqual([
      { id: 'a,1', count: 3, properties: { plan: 'pro', note: '=1+1' } },
      { id: '=cmd', count: null, properties: null },
    ]);
  });

  it('writes an empty JSON array when there are no rows', () => {
    expect(JSON.parse(fileOf('json', [[]]))).toEqual([]);
  });

  it('writes NDJSON as one object per line; text cells are not altered there', () => {
    const lines = fileOf('ndjson', [ROWS]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line))).toEqual([
      { id: 'a,1', count: 3, properties: { plan: 'pro', note: '=1+1' } },
      { id: '=cmd', count: null, properties: null },
    ]);
  });

  it('names the content type and file extension of each format', () => {
    expect(
      [exportFileWriter('csv', COLUMNS), exportFileWriter('json', COLUMNS), exportFileWriter('ndjson', COLUMNS)].map((w) => [
        w.contentType,
        w.extension,
      ]),
    ).toEqual([
      ['text/csv; charset=utf-8', 'csv'],
      ['application/json; charset=utf-8', 'json'],
      ['application/x-ndjson; charset=utf-8', 'ndjson'],
    ]);
  });
});
