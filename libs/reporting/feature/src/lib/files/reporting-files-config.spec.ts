import { ConfigValidationError } from '@pulse/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReportsDirectory } from './reporting-files-config';

describe('REPORTS_DIRECTORY', () => {
  it('defaults to pulse-reports under the OS temporary directory', () => {
    expect(loadReportsDirectory({})).toBe(join(tmpdir(), 'pulse-reports'));
  });

  it('takes an absolute path', () => {
    expect(loadReportsDirectory({ REPORTS_DIRECTORY: '/var/lib/pulse/reports' })).toBe('/var/lib/pulse/reports');
  });

  it('refuses a relative path, naming the variable', () => {
    expect(() => loadReportsDirectory({ REPORTS_DIRECTORY: 'reports' })).toThrow(ConfigValidationError);
    expect(() => loadReportsDirectory({ REPORTS_DIRECTORY: 'reports' })).toThrow(/REPORTS_DIRECTORY/);
  });
});
