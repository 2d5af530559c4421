import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from './kubernetes-object';

/**
 * `kubectl kustomize <directory>` parsed into objects. kubectl 1.32's kustomize and Debian's older kubectl
 * (kubernetes-client) both render the overlays; without kubectl the error says what to install.
 */
export function renderOverlay(directory: string, kubectl = 'kubectl'): KubernetesObject[] {
  const result = spawnSync(kubectl, ['kustomize', directory], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `${kubectl} is not installed: the Kubernetes overlays are rendered with \`kubectl kustomize\`. ` +
        'Install it (Debian: apt-get install kubernetes-client; .ci/run does this when kubectl is absent).',
    );
  }
  if (result.status !== 0) throw new Error(`${kubectl} kustomize ${directory} failed:\n${result.stderr}`);
  return parseManifests(result.stdout);
}

/** A multi-document YAML stream → its objects (empty documents skipped); a YAML error throws, naming it. */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors[0].message}`);
    const object = document.toJS() as KubernetesObject | null;
    return object ? [object] : [];
  });
}
