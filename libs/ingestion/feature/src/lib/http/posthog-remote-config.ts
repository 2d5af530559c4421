import { randomUUID } from 'node:crypto';

/**
 * What posthog-js reads from `/array/<key>/config` (its `RemoteConfig`), for a project that has none of
 * PostHog's other products: events only. Pulse has no feature flags, surveys, session replay, heatmaps
 * or error tracking, so they are off and posthog-js loads none of their scripts; gzip is accepted, so
 * it compresses its batches. Autocapture is not switched off here: the site's own `autocapture` option
 * decides, as it does with PostHog's default project settings.
 *
 * `surveys` is left out rather than false: on `surveys: false` posthog-js still loads its surveys script
 * (`/static/surveys.js`, for the surveys API), which Pulse does not serve; left out, it loads nothing.
 */
export const POSTHOG_REMOTE_CONFIG = {
  supportedCompression: ['gzip', 'gzip-js'],
  hasFeatureFlags: false,
  autocapture_opt_out: false,
  autocaptureExceptions: false,
  errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
  capturePerformance: false,
  captureDeadClicks: false,
  heatmaps: false,
  sessionRecording: false,
  productTours: false,
  conversations: false,
  logs: { captureConsoleLogs: false },
  elementsChainAsString: true,
  defaultIdentifiedOnly: true,
  siteApps: [],
  toolbarParams: {},
  isAuthenticated: false,
} as const;

/**
 * `/array/<key>/config.js`: the script form posthog-js loads first; it leaves the config where the SDK
 * looks for it (`window._POSTHOG_REMOTE_CONFIG[<key>]`). The key was checked to be a real write key.
 */
export function postHogRemoteConfigScript(writeKey: string): string {
  const entry = JSON.stringify({ config: POSTHOG_REMOTE_CONFIG, siteApps: [] });
  return [
    '(function () {',
    '  window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {};',
    `  window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(writeKey)}] = ${entry};`,
    '})();',
    '',
  ].join('\n');
}

/**
 * An empty feature-flag evaluation in the shape the caller asked for: `/flags?v=2` (and `/decide?v=4`)
 * answer `flags` with each flag's details, older versions the `featureFlags` map. Nothing is evaluated:
 * Pulse has no flags, and a flag-less answer lets posthog-js carry on instead of retrying.
 */
export function emptyFeatureFlags(detailed: boolean): Record<string, unknown> {
  return detailed
    ? { flags: {}, errorsWhileComputingFlags: false, quotaLimited: [], requestId: randomUUID() }
    : { featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false };
}

/** The `v` query parameter as a number (0 when absent or not a number). */
export function versionOf(v: unknown): number {
  const parsed = typeof v === 'string' ? Number.parseInt(v, 10) : NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}
