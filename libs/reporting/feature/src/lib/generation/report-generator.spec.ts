import { reportFileName } from './report-generator';

describe('reportFileName', () => {
  const days = { rangeFrom: '2026-03-01', rangeTo: '2026-03-31' };

  it('names the file after the report and its days', () => {
    expect(reportFileName('Weekly Sales', days, 'csv')).toBe('weekly-sales_2026-03-01_2026-03-31.csv');
  });

  it('keeps only letters and digits of the name, accents dropped, so the header needs no quoting rules', () => {
    expect(reportFileName('Über "KPIs"; rm -rf /', days, 'json')).toBe('uber-kpis-rm-rf_2026-03-01_2026-03-31.json');
    expect(reportFileName('日本', days, 'csv')).toBe('report_2026-03-01_2026-03-31.csv');
  });
});
