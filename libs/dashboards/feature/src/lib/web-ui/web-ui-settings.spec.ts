import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWebUiSettings } from './web-ui-settings';

describe('readWebUiSettings', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-ui-settings-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the web build next to the running bundle', () => {
    mkdirSync(join(root, 'dist/apps/web'), { recursive: true });
    writeFileSync(join(root, 'dist/apps/web/index.html'), '<!doctype html>');
    const settings = readWebUiSettings({}, join(root, 'dist/apps/standalone/main.js'), '/elsewhere');
    expect(settings.directory).toBe(join(root, 'dist/apps/web'));
  });

  it("finds web/ beside the bundle (the container image's /app/web) first", () => {
    mkdirSync(join(root, 'app/web'), { recursive: true });
    writeFileSync(join(root, 'app/web/index.html'), '<!doctype html>');
    expect(readWebUiSettings({}, join(root, 'app/main.js'), '/elsewhere').directory).toBe(join(root, 'app/web'));
  });

  it('falls back to dist/apps/web under the working directory', () => {
    expect(readWebUiSettings({}, '/usr/lib/node_modules/jest/bin/jest.js', root).directory).toBe(join(root, 'dist/apps/web'));
  });

  it('takes WEB_UI_DIRECTORY and the reporting URL from the environment', () => {
    expect(readWebUiSettings({ WEB_UI_DIRECTORY: '/srv/web', WEB_UI_REPORTING_URL: 'https://reports.example/' })).toEqual({
      directory: '/srv/web',
      reportingUrl: 'https://reports.example',
    });
  });

  it('refuses a relative WEB_UI_DIRECTORY', () => {
    expect(() => readWebUiSettings({ WEB_UI_DIRECTORY: 'dist/apps/web' })).toThrow('WEB_UI_DIRECTORY must be an absolute path');
  });
});
