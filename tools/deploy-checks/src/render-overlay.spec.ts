import { join } from 'node:path';
import { parseManifests, renderOverlay } from './lib/render-overlay';
import { WORKSPACE_ROOT } from './lib/workspace';

describe('renderOverlay', () => {
  it('says what to install when kubectl is absent', () => {
    expect(() => renderOverlay(join(WORKSPACE_ROOT, 'k8s/overlays/dev'), 'kubectl-not-installed-here')).toThrow(
      'kubectl-not-installed-here is not installed: the Kubernetes overlays are rendered with `kubectl kustomize`. ' +
        'Install it (Debian: apt-get install kubernetes-client; .ci/run does this when kubectl is absent).',
    );
  });

  it('passes on what kustomize reports for a directory it cannot render', () => {
    expect(() => renderOverlay(join(WORKSPACE_ROOT, 'k8s/overlays/none'))).toThrow(/kubectl kustomize .*k8s\/overlays\/none failed/);
  });
});

describe('parseManifests', () => {
  it('reads every document of a stream, skipping empty ones, and names a YAML error', () => {
    expect(parseManifests('---\napiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\n---\nkind: X\n').map((object) => object.kind)).toEqual([
      'Namespace',
      'X',
    ]);
    expect(() => parseManifests('kind: [unclosed\n')).toThrow(/^invalid YAML: /);
  });
});
