import { byTag, findAll, parseHtml, readHtmlReport } from '../../testing/html-document-reader';
import { collectFile, HEADING, SECTIONS, sectionsOf, XSS } from '../../testing/report-tables';
import { htmlReport } from './html-report';

describe('htmlReport', () => {
  let html: string;
  beforeAll(async () => {
    html = (await collectFile(htmlReport(HEADING, sectionsOf(SECTIONS)))).toString('utf8');
  });

  it('heads the page with the title, range, time zone and generation time', () => {
    const page = readHtmlReport(html);
    expect(page.title).toBe(HEADING.name);
    expect(page.meta).toEqual({
      type: 'Executive summary',
      from: '2026-03-25',
      to: '2026-03-31',
      timeZone: 'Europe/Berlin',
      generatedAt: '2026-04-01T06:00:00.000Z',
    });
  });

  it('shows every metric row as a headline figure with its change against the previous period', () => {
    expect(readHtmlReport(html).figures).toEqual([
      { label: 'Events', value: 1250.5, previous: 1000, changePercent: 25.05, change: '▲ +250.5 (+25.05%) vs 2026-03-18 – 2026-03-24' },
      { label: 'Orders', value: 2, previous: 0, changePercent: null, change: '▲ +2 (previous 0) vs 2026-03-18 – 2026-03-24' },
      { label: 'Users by device — mobile', value: 30, previous: 40, changePercent: -25, change: '▼ −10 (−25%) vs 2026-03-18 – 2026-03-24' },
      { label: `Users by device — ${XSS}`, value: 5, previous: 5, changePercent: 0, change: 'no change vs 2026-03-18 – 2026-03-24' },
    ]);
  });

  it('writes each section as a table with its exact values, and charts for series and grouped figures', () => {
    const sections = readHtmlReport(html).sections;
    expect(sections.map((section) => [section.title, section.kind, section.svgCount])).toEqual([
      ['Events', 'metric', 0],
      ['Orders', 'metric', 0],
      ['Users by device', 'metric', 1],
      ['Events per day', 'chart', 1],
      [`Per day ${XSS}`, 'table', 1],
      ['Note', 'text', 0],
    ]);
    expect(sections[2]).toMatchObject({
      columns: ['device', 'Value', 'Previous period', 'Change', 'Change %'],
      rows: [
        ['mobile', 30, 40, -10, -25],
        [XSS, 5, 5, 0, 0],
      ],
    });
    expect(sections[1].rows).toEqual([[2, 0, 2, '–']]);
    expect(sections[3]).toMatchObject({ columns: ['Day', 'Value'], rows: SECTIONS[3].rows });
  });

  it('draws one line per group over the days', () => {
    const table = findAll(parseHtml(html), (element) => element.attributes['id'] === 'section-5')[0];
    const lines = findAll(table, byTag('path'));
    expect(lines).toHaveLength(2);
  });

  it('escapes every text: the hostile name, group value and text come out as text, not markup', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(findAll(parseHtml(html), byTag('script'))).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
  });

  it('is self-contained: no external resource, scripts forbidden by its policy', () => {
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });
});
