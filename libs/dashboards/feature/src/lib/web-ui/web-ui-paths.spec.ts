import { webUiTargetOf } from './web-ui-paths';

describe('webUiTargetOf', () => {
  it("leaves the service's API, probes, metrics and docs to the service", () => {
    for (const path of ['/v1/dashboards', '/v1', '/health', '/ready', '/metrics', '/docs', '/docs-json', '/docs/swagger-ui.css']) {
      expect(webUiTargetOf(path)).toEqual({ kind: 'service' });
    }
  });

  it("answers the app's routes with index.html", () => {
    for (const path of ['/', '/dashboards/0b5c', '/reports', '/v1dashboards']) {
      expect(webUiTargetOf(path)).toEqual({ kind: 'app' });
    }
  });

  it('serves hashed assets as immutable files and other files as plain files', () => {
    expect(webUiTargetOf('/assets/index-CDx-ZkVR.js')).toEqual({ kind: 'file', relativePath: 'assets/index-CDx-ZkVR.js', immutable: true });
    expect(webUiTargetOf('/index.html')).toEqual({ kind: 'file', relativePath: 'index.html', immutable: false });
  });

  it('answers the runtime configuration', () => {
    expect(webUiTargetOf('/web-ui/config.json')).toEqual({ kind: 'config' });
  });
});
