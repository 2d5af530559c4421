import { pulseDeployments } from './manifest-rules';
import {
  nameOf,
  podTemplateOf,
  selects,
  type HorizontalPodAutoscalerSpec,
  type KubernetesObject,
  type NetworkPolicySpec,
} from './kubernetes-object';
import type { PlatformDependency } from './service-dependencies';

// Rules that tie the manifests to the code: topics and partitions, egress per dependency, configuration.

export const TOPICS_CONFIG_MAP = 'pulse-kafka-topics';
export const RAW_TOPIC = 'pulse.events.raw.v1';

/** The topics ConfigMap's `topics` lines (`<topic> <partitions>`) as a map. */
export function topicPartitions(objects: readonly KubernetesObject[]): Map<string, number> {
  const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === TOPICS_CONFIG_MAP);
  const lines = (configMap?.data?.['topics'] ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  return new Map(lines.map((line) => [line.split(/\s+/)[0], Number(line.split(/\s+/)[1])]));
}

/**
 * The topics job creates exactly the contract's topics, each with a positive partition count, and the stream
 * processor's autoscaler never goes past the raw topic's partitions (a replica without a partition idles).
 */
export function topicViolations(objects: readonly KubernetesObject[], contractTopics: readonly string[]): string[] {
  const partitions = topicPartitions(objects);
  if (partitions.size === 0) return [`no ConfigMap ${TOPICS_CONFIG_MAP} with a topics list`];
  const violations: string[] = [];
  for (const topic of contractTopics) if (!partitions.has(topic)) violations.push(`topic ${topic} (libs/contracts) is not created by the topics job`);
  for (const [topic, count] of partitions) {
    if (!contractTopics.includes(topic)) violations.push(`the topics job creates ${topic}, which libs/contracts does not define`);
    if (!Number.isInteger(count) || count < 1) violations.push(`topic ${topic} has no valid partition count`);
  }
  const processor = objects.find(
    (object) => object.kind === 'HorizontalPodAutoscaler' && (object.spec as HorizontalPodAutoscalerSpec).scaleTargetRef.name === 'stream-processor',
  );
  const rawPartitions = partitions.get(RAW_TOPIC) ?? 0;
  if (processor && (processor.spec as HorizontalPodAutoscalerSpec).maxReplicas > rawPartitions) {
    violations.push(
      `${nameOf(processor)} allows ${(processor.spec as HorizontalPodAutoscalerSpec).maxReplicas} replicas but ${RAW_TOPIC} has ${rawPartitions} partitions`,
    );
  }
  return violations;
}

/** The TCP ports each dependency is reached on; Redis is needed by every service (the platform connects at start). */
export const DEPENDENCY_PORTS: Record<PlatformDependency, number> = { store: 5432, bus: 9092, cache: 6379 };

/** The egress ports the NetworkPolicies open to pods labelled `labels` (`'any'` for a rule without ports). */
export function egressPortsOf(objects: readonly KubernetesObject[], labels: Record<string, string>): Set<number | string> {
  const ports = new Set<number | string>();
  for (const policy of objects.filter((object) => object.kind === 'NetworkPolicy')) {
    const spec = policy.spec as NetworkPolicySpec;
    if (!spec.policyTypes?.includes('Egress') || !selects(spec.podSelector, labels)) continue;
    for (const rule of spec.egress ?? []) {
      if (!rule.ports || rule.ports.length === 0) ports.add('any');
      for (const { port } of rule.ports ?? []) if (port !== undefined) ports.add(port);
    }
  }
  return ports;
}

/**
 * Each service reaches PostgreSQL exactly when it depends on the store, Kafka exactly when it depends on the
 * bus, Redis always, and no service has an egress rule open to every port.
 */
export function egressViolations(objects: readonly KubernetesObject[], dependencies: Record<string, PlatformDependency[]>): string[] {
  const violations: string[] = [];
  for (const deployment of pulseDeployments(objects)) {
    const service = deployment.metadata.name;
    const declared = dependencies[service];
    if (!declared) {
      violations.push(`${nameOf(deployment)}: no ServiceDefinition names this service`);
      continue;
    }
    const ports = egressPortsOf(objects, podTemplateOf(deployment)?.metadata?.labels ?? {});
    if (ports.has('any')) violations.push(`${nameOf(deployment)} may reach any port (an egress rule without ports)`);
    const needed: Record<PlatformDependency, boolean> = { store: declared.includes('store'), bus: declared.includes('bus'), cache: true };
    for (const dependency of Object.keys(needed) as PlatformDependency[]) {
      const open = ports.has(DEPENDENCY_PORTS[dependency]);
      if (needed[dependency] && !open) violations.push(`${service} depends on ${dependency} but no NetworkPolicy opens egress to port ${DEPENDENCY_PORTS[dependency]}`);
      if (!needed[dependency] && open) violations.push(`${service} does not depend on ${dependency} yet may reach port ${DEPENDENCY_PORTS[dependency]}`);
    }
  }
  return violations;
}

/**
 * Every Pulse container gets each required variable: from its env, a rendered ConfigMap or Secret it references,
 * or the operator's Secret (`operatorSecret`, not rendered: its documented keys). A reference to anything else
 * (a ConfigMap or Secret nothing creates) is a violation too.
 */
export function environmentViolations(
  objects: readonly KubernetesObject[],
  requiredVariables: readonly string[],
  operatorSecret: { name: string; keys: readonly string[] },
): string[] {
  const violations: string[] = [];
  const rendered = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);
  for (const deployment of pulseDeployments(objects)) {
    for (const container of podTemplateOf(deployment)?.spec.containers ?? []) {
      const available = new Set((container.env ?? []).map((variable) => variable.name));
      for (const source of container.envFrom ?? []) {
        const [kind, reference] = source.configMapRef ? ['ConfigMap', source.configMapRef] : ['Secret', source.secretRef];
        if (!reference) continue;
        const object = rendered(kind, reference.name);
        const keys = object
          ? Object.keys({ ...object.data, ...object.stringData })
          : kind === 'Secret' && reference.name === operatorSecret.name
            ? operatorSecret.keys
            : undefined;
        if (!keys) violations.push(`${nameOf(deployment)} container ${container.name} reads ${kind} ${reference.name}, which nothing creates`);
        for (const key of keys ?? []) available.add(key);
      }
      const missing = requiredVariables.filter((variable) => !available.has(variable));
      if (missing.length > 0) violations.push(`${nameOf(deployment)} container ${container.name} does not get ${missing.join(', ')}`);
    }
  }
  return violations;
}

/**
 * Every `secretKeyRef` (the topics job, the init containers) names a key its Secret has: a rendered Secret's data,
 * or the operator's documented keys.
 */
export function secretKeyViolations(objects: readonly KubernetesObject[], operatorSecret: { name: string; keys: readonly string[] }): string[] {
  const violations: string[] = [];
  for (const object of objects) {
    const template = podTemplateOf(object);
    for (const container of [...(template?.spec.initContainers ?? []), ...(template?.spec.containers ?? [])]) {
      for (const variable of container.env ?? []) {
        const reference = (variable.valueFrom as { secretKeyRef?: { name: string; key: string } } | undefined)?.secretKeyRef;
        if (!reference) continue;
        const secret = objects.find((candidate) => candidate.kind === 'Secret' && candidate.metadata.name === reference.name);
        const keys = secret ? Object.keys({ ...secret.data, ...secret.stringData }) : reference.name === operatorSecret.name ? operatorSecret.keys : [];
        if (!keys.includes(reference.key)) {
          violations.push(`${nameOf(object)} container ${container.name} reads key ${reference.key} of Secret ${reference.name}, which it does not have`);
        }
      }
    }
  }
  return violations;
}
