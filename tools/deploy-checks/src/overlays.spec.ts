import { CONFIG_VARIABLES } from '@pulse/config';
import { TOPICS } from '@pulse/contracts';
import { join } from 'node:path';
import type { KubernetesObject } from './lib/kubernetes-object';
import { availabilityViolations, containerViolations, networkPolicyViolations, pulseDeployments, removedApiViolations } from './lib/manifest-rules';
import { egressViolations, environmentViolations, secretKeyViolations, topicPartitions, topicViolations } from './lib/platform-rules';
import { renderOverlay } from './lib/render-overlay';
import { schemaProblemsOf } from './lib/schema-validation';
import { readServiceDependencies } from './lib/service-dependencies';
import { envFileKeys, WORKSPACE_ROOT } from './lib/workspace';

const SERVICES = ['ingestion', 'stream-processor', 'insights', 'reporting', 'dashboards'];
const REQUIRED_VARIABLES = CONFIG_VARIABLES.filter((variable) => variable.required).map((variable) => variable.name);
const OPERATOR_SECRET = { name: 'pulse-secrets', keys: envFileKeys(join(WORKSPACE_ROOT, 'k8s/overlays/prod/secrets.example.env')) };
const DEPENDENCIES = readServiceDependencies(WORKSPACE_ROOT);

describe.each([
  { overlay: 'dev', prod: false },
  { overlay: 'prod', prod: true },
])('k8s/overlays/$overlay', ({ overlay, prod }) => {
  let objects: KubernetesObject[];

  beforeAll(() => {
    objects = renderOverlay(join(WORKSPACE_ROOT, 'k8s/overlays', overlay));
  });

  it('renders a Deployment, Service, HPA, PDB and NetworkPolicy for each of the five services', () => {
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']) {
      const names = objects.filter((object) => object.kind === kind).map((object) => object.metadata.name);
      expect({ kind, names: SERVICES.filter((service) => names.includes(service)) }).toEqual({ kind, names: SERVICES });
    }
  });

  it('renders only objects valid against the Kubernetes API schemas, in served API versions', () => {
    expect(schemaProblemsOf(objects)).toEqual([]);
    expect(removedApiViolations(objects)).toEqual([]);
  });

  it('gives every container probes, requests, a memory limit, runAsNonRoot and a tagged image', () => {
    expect(containerViolations(objects, { versionPinnedImages: prod })).toEqual([]);
  });

  it(`gives every service Deployment a PodDisruptionBudget${prod ? ' and an autoscaler' : ''}`, () => {
    expect(availabilityViolations(objects, { requireAutoscaler: prod })).toEqual([]);
  });

  it('has NetworkPolicies that select existing pods, and egress matching each ServiceDefinition', () => {
    expect(networkPolicyViolations(objects)).toEqual([]);
    expect(egressViolations(objects, DEPENDENCIES)).toEqual([]);
  });

  it("creates the contract's Kafka topics and scales the processor to at most the raw topic's partitions", () => {
    expect(topicViolations(objects, Object.values(TOPICS))).toEqual([]);
  });

  it('gives every service each variable libs/config requires', () => {
    expect(environmentViolations(objects, REQUIRED_VARIABLES, OPERATOR_SECRET)).toEqual([]);
    expect(secretKeyViolations(objects, OPERATOR_SECRET)).toEqual([]);
  });

  if (prod) {
    it('takes the endpoints from the operator Secret and runs at least two replicas of each service', () => {
      expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
      const minimums = objects
        .filter((object) => object.kind === 'HorizontalPodAutoscaler')
        .map((object) => (object.spec as { minReplicas: number }).minReplicas);
      expect(Math.min(...minimums)).toBeGreaterThanOrEqual(2);
    });
  } else {
    it('runs one replica of each service next to in-cluster PostgreSQL, Redis and Kafka', () => {
      const bounds = objects
        .filter((object) => object.kind === 'HorizontalPodAutoscaler')
        .map((object) => [(object.spec as { minReplicas: number }).minReplicas, (object.spec as { maxReplicas: number }).maxReplicas]);
      expect(bounds).toEqual(SERVICES.map(() => [1, 1]));
      const dependencies = objects.filter((object) => ['StatefulSet', 'Deployment'].includes(object.kind) && !pulseDeployments([object]).length);
      expect(dependencies.map((object) => object.metadata.name).sort()).toEqual(['kafka', 'postgres', 'redis']);
      expect(topicPartitions(objects).get('pulse.events.raw.v1')).toBe(6);
    });
  }
});
