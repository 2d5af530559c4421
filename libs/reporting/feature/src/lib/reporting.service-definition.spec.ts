import { REPORTING_STORE_SCHEMA } from '@pulse/reporting-data-access';
import { REPORTING_SERVICE } from './reporting.service-definition';

describe('reporting service definition', () => {
  it('brings its own tables (reports, report runs) wherever its store is opened', () => {
    expect(REPORTING_SERVICE.storeSchema).toBe(REPORTING_STORE_SCHEMA);
  });

  it('is ready when its store answers: the store is all it uses', () => {
    expect(REPORTING_SERVICE.dependencies).toEqual(['store']);
  });
});
