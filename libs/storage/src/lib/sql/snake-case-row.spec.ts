import { returnedRows } from './snake-case-row';
import { isUuid } from './uuid';

describe('returnedRows', () => {
  it('reads the rows of an UPDATE … RETURNING, which TypeORM answers as [rows, count]', () => {
    expect(returnedRows([[{ id: 'a' }, { id: 'b' }], 2])).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('reads the rows of a SELECT or INSERT … RETURNING as they are', () => {
    expect(returnedRows([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(returnedRows([])).toEqual([]);
  });

  it('reads an UPDATE that matched nothing as no rows', () => {
    expect(returnedRows([[], 0])).toEqual([]);
  });
});

describe('isUuid', () => {
  it('accepts UUIDs in either case and nothing else', () => {
    expect(isUuid('0196f1b2-7c3a-8d4e-9f00-123456789abc')).toBe(true);
    expect(isUuid('0196F1B2-7C3A-8D4E-9F00-123456789ABC')).toBe(true);
    expect(isUuid('0196f1b2-7c3a-8d4e-9f00-123456789ab')).toBe(false);
    expect(isUuid("1' OR '1'='1")).toBe(false);
  });
});
