import {
  LONG_RUNNING_KINDS,
  nameOf,
  podTemplateOf,
  selects,
  type Container,
  type HorizontalPodAutoscalerSpec,
  type KubernetesObject,
  type LabelSelector,
  type NetworkPolicySpec,
} from './kubernetes-object';

// Each rule takes the rendered objects and returns one message per violation (empty: the rule holds). The messages
// name the object, the container and what is missing, so a failing test says what to fix.

/** The Pulse services' Deployments (not the dev overlay's dependencies). */
export function pulseDeployments(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return objects.filter((object) => object.kind === 'Deployment' && object.metadata.labels?.['app.kubernetes.io/part-of'] === 'pulse');
}

function containersOf(object: KubernetesObject): { container: Container; init: boolean }[] {
  const template = podTemplateOf(object);
  if (!template) return [];
  return [
    ...(template.spec.initContainers ?? []).map((container) => ({ container, init: true })),
    ...template.spec.containers.map((container) => ({ container, init: false })),
  ];
}

/** `latest` or no tag at all (which pulls latest) is never acceptable; `versionPinned` also refuses moving tags like `dev`. */
export function imageProblem(image: string | undefined, versionPinned: boolean): string | undefined {
  if (!image) return 'has no image';
  if (image.includes('@sha256:')) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (tag === undefined) return `image ${image} has no tag (it would pull latest)`;
  if (tag === 'latest') return `image ${image} is tagged latest`;
  if (versionPinned && !/^v?\d+\.\d+(\.\d+)?([-.][0-9A-Za-z.-]+)?$/.test(tag)) {
    return `image ${image} is not pinned to a version (x.y.z) or a digest`;
  }
  return undefined;
}

/**
 * Every container: memory limit, CPU and memory requests, runAsNonRoot (its own or the pod's), an image with a tag
 * that is not latest (a version when `versionPinnedImages`); long-running ones also liveness and readiness probes.
 */
export function containerViolations(objects: readonly KubernetesObject[], options: { versionPinnedImages: boolean }): string[] {
  const violations: string[] = [];
  for (const object of objects) {
    const template = podTemplateOf(object);
    for (const { container, init } of containersOf(object)) {
      const where = `${nameOf(object)} container ${container.name}`;
      const missing = (what: string) => violations.push(`${where} has no ${what}`);
      if (LONG_RUNNING_KINDS.includes(object.kind) && !init) {
        if (!container.livenessProbe) missing('livenessProbe');
        if (!container.readinessProbe) missing('readinessProbe');
      }
      if (container.resources?.limits?.['memory'] === undefined) missing('memory limit');
      if (container.resources?.requests?.['memory'] === undefined) missing('memory request');
      if (container.resources?.requests?.['cpu'] === undefined) missing('cpu request');
      const runAsNonRoot = container.securityContext?.runAsNonRoot ?? template?.spec.securityContext?.runAsNonRoot;
      if (runAsNonRoot !== true) missing('runAsNonRoot: true (container or pod securityContext)');
      const image = imageProblem(container.image, options.versionPinnedImages);
      if (image) violations.push(`${where}: ${image}`);
    }
  }
  return violations;
}

function sameNamespace(a: KubernetesObject, b: KubernetesObject): boolean {
  return (a.metadata.namespace ?? 'default') === (b.metadata.namespace ?? 'default');
}

/** Every Pulse Deployment has a PodDisruptionBudget selecting its pods and, when `requireAutoscaler`, an HPA. */
export function availabilityViolations(objects: readonly KubernetesObject[], options: { requireAutoscaler: boolean }): string[] {
  const violations: string[] = [];
  for (const deployment of pulseDeployments(objects)) {
    const labels = podTemplateOf(deployment)?.metadata?.labels;
    const budget = objects.find(
      (object) =>
        object.kind === 'PodDisruptionBudget' &&
        sameNamespace(object, deployment) &&
        selects((object.spec as { selector?: LabelSelector }).selector, labels),
    );
    if (!budget) violations.push(`${nameOf(deployment)} has no PodDisruptionBudget selecting its pods`);
    const autoscaler = objects.find(
      (object) =>
        object.kind === 'HorizontalPodAutoscaler' &&
        sameNamespace(object, deployment) &&
        (object.spec as HorizontalPodAutoscalerSpec).scaleTargetRef.kind === 'Deployment' &&
        (object.spec as HorizontalPodAutoscalerSpec).scaleTargetRef.name === deployment.metadata.name,
    );
    if (options.requireAutoscaler && !autoscaler) violations.push(`${nameOf(deployment)} has no HorizontalPodAutoscaler`);
  }
  for (const autoscaler of objects.filter((object) => object.kind === 'HorizontalPodAutoscaler')) {
    const target = (autoscaler.spec as HorizontalPodAutoscalerSpec).scaleTargetRef;
    const exists = objects.some((object) => object.kind === target.kind && object.metadata.name === target.name && sameNamespace(object, autoscaler));
    if (!exists) violations.push(`${nameOf(autoscaler)} scales ${target.kind}/${target.name}, which does not exist`);
  }
  return violations;
}

function podLabelsIn(objects: readonly KubernetesObject[], namespaceOf: KubernetesObject): Record<string, string>[] {
  return objects
    .filter((object) => sameNamespace(object, namespaceOf))
    .map((object) => podTemplateOf(object)?.metadata?.labels)
    .filter((labels): labels is Record<string, string> => labels !== undefined);
}

/** Every NetworkPolicy selects at least one pod, and every pod peer it names (in its namespace) exists. */
export function networkPolicyViolations(objects: readonly KubernetesObject[]): string[] {
  const violations: string[] = [];
  for (const policy of objects.filter((object) => object.kind === 'NetworkPolicy')) {
    const spec = policy.spec as NetworkPolicySpec;
    const pods = podLabelsIn(objects, policy);
    if (!pods.some((labels) => selects(spec.podSelector, labels))) {
      violations.push(`${nameOf(policy)} selects no pod (podSelector ${JSON.stringify(spec.podSelector)})`);
    }
    const peers = [...(spec.ingress ?? []).flatMap((rule) => rule.from ?? []), ...(spec.egress ?? []).flatMap((rule) => rule.to ?? [])];
    for (const peer of peers) {
      if (peer.podSelector && !peer.namespaceSelector && !pods.some((labels) => selects(peer.podSelector, labels))) {
        violations.push(`${nameOf(policy)} names peer pods ${JSON.stringify(peer.podSelector)} that no workload runs`);
      }
    }
  }
  return violations;
}

/** API versions Kubernetes no longer serves (kubernetes-models still has their schemas). */
const REMOVED_API_VERSIONS = [
  'extensions/v1beta1',
  'apps/v1beta1',
  'apps/v1beta2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'policy/v1beta1',
  'batch/v1beta1',
  'networking.k8s.io/v1beta1',
];

export function removedApiViolations(objects: readonly KubernetesObject[]): string[] {
  return objects
    .filter((object) => REMOVED_API_VERSIONS.includes(object.apiVersion))
    .map((object) => `${nameOf(object)} uses ${object.apiVersion}, which Kubernetes no longer serves`);
}
