import { csvCell, csvReport } from './csv-report';

async function* sections() {
  yield {
    title: 'Orders',
    kind: 'table',
    columns: ['day', 'value'],
    rows: [
      ['2026-03-01', 3],
      ['2026-03-02', -1.5],
    ],
  };
  yield { title: 'Note, "quoted"', kind: 'text', columns: ['text'], rows: [['=HYPERLINK("http://x")']] };
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('CSV cells', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
  ])('neutralises text that a spreadsheet would evaluate: %j', (cell, written) => {
    expect(csvCell(cell)).toBe(written);
  });

  it('keeps numbers, negative ones included, and writes null as an empty cell', () => {
    expect(csvCell(-3.25)).toBe('-3.25');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks, also after neutralising', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
  });
});

describe('csvReport', () => {
  it('writes the heading, then one block per section: a title line, a header row and the rows', async () => {
    const heading = {
      reportId: 'r',
      runId: 'u',
      name: 'Weekly',
      type: 'custom',
      from: '2026-03-01',
      to: '2026-03-07',
      timeZone: 'Europe/Berlin',
      generatedAt: new Date('2026-03-08T06:00:00Z'),
    };
    const text = await collect(csvReport(heading, sections()));
    expect(text.split('\r\n')).toEqual([
      'report,Weekly',
      'type,custom',
      'from,2026-03-01',
      'to,2026-03-07',
      'timeZone,Europe/Berlin',
      'generatedAt,2026-03-08T06:00:00.000Z',
      '',
      '# Orders',
      'day,value',
      '2026-03-01,3',
      '2026-03-02,-1.5',
      '',
      '"# Note, ""quoted"""',
      'text',
      `"'=HYPERLINK(""http://x"")"`,
      '',
    ]);
  });
});
