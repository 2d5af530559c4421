import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export interface WebUiSettings {
  /** The built web UI (`dist/apps/web`): index.html and hashed assets/. */
  directory: string;
  /** Where the browser finds the reporting API; '' = the same origin (one host routes every service). */
  reportingUrl: string;
}

/**
 * `WEB_UI_DIRECTORY` (absolute), else the first holding index.html of: `web/` beside the running bundle (the
 * container image's `/app/web`), the `web` build next to the bundle's folder (`dist/apps/<app>/main.js` →
 * `dist/apps/web`), `dist/apps/web` under the working directory.
 * `WEB_UI_REPORTING_URL`: the reporting service's public base URL when it is not on this origin.
 */
export function readWebUiSettings(env: NodeJS.ProcessEnv, entryScript = process.argv[1], cwd = process.cwd()): WebUiSettings {
  const configured = env['WEB_UI_DIRECTORY'];
  if (configured && !isAbsolute(configured)) throw new Error(`WEB_UI_DIRECTORY must be an absolute path (got '${configured}')`);
  const besideBundle = entryScript ? [join(dirname(entryScript), 'web'), join(dirname(entryScript), '..', 'web')] : [];
  const candidates = configured ? [configured] : [...besideBundle, join(cwd, 'dist', 'apps', 'web')];
  const directory = candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? candidates[candidates.length - 1];
  return { directory: resolve(directory), reportingUrl: (env['WEB_UI_REPORTING_URL'] ?? '').replace(/\/+$/, '') };
}
