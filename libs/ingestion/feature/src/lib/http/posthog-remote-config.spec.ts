import { runInNewContext } from 'node:vm';
import { emptyFeatureFlags, POSTHOG_REMOTE_CONFIG, postHogRemoteConfigScript, versionOf } from './posthog-remote-config';

describe('PostHog remote config', () => {
  it('offers gzip and switches off what Pulse does not have, so posthog-js loads no extra script', () => {
    expect(POSTHOG_REMOTE_CONFIG).toMatchObject({
      supportedCompression: ['gzip', 'gzip-js'],
      hasFeatureFlags: false,
      sessionRecording: false,
      heatmaps: false,
      capturePerformance: false,
      autocaptureExceptions: false,
      siteApps: [],
    });
    // Present, even false, posthog-js would load its surveys script.
    expect('surveys' in POSTHOG_REMOTE_CONFIG).toBe(false);
  });

  it('as a script, leaves the config under the write key in window._POSTHOG_REMOTE_CONFIG, next to what is already there', () => {
    const window: Record<string, unknown> = { _POSTHOG_REMOTE_CONFIG: { other: { config: {} } } };

    runInNewContext(postHogRemoteConfigScript('pwk_"quoted"'), { window });

    expect(window['_POSTHOG_REMOTE_CONFIG']).toEqual({ other: { config: {} }, 'pwk_"quoted"': { config: POSTHOG_REMOTE_CONFIG, siteApps: [] } });
  });
});

describe('empty feature flags', () => {
  it('answers flag details for /flags?v=2 and the flag map for older versions', () => {
    expect(emptyFeatureFlags(true)).toEqual({ flags: {}, errorsWhileComputingFlags: false, quotaLimited: [], requestId: expect.any(String) });
    expect(emptyFeatureFlags(false)).toEqual({ featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false });
  });

  it('reads v as a whole number, 0 when absent or not a number', () => {
    expect([versionOf('2'), versionOf('4'), versionOf(undefined), versionOf('x'), versionOf(['2'])]).toEqual([2, 4, 0, 0, 0]);
  });
});
