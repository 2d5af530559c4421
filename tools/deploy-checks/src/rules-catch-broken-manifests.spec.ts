import { TOPICS } from '@pulse/contracts';
import { join } from 'node:path';
import { podTemplateOf, type KubernetesObject, type NetworkPolicySpec } from './lib/kubernetes-object';
import { availabilityViolations, containerViolations, imageProblem, networkPolicyViolations, removedApiViolations } from './lib/manifest-rules';
import { egressViolations, environmentViolations, secretKeyViolations, topicViolations } from './lib/platform-rules';
import { renderOverlay } from './lib/render-overlay';
import { schemaProblemsOf } from './lib/schema-validation';
import { readServiceDependencies } from './lib/service-dependencies';
import { WORKSPACE_ROOT } from './lib/workspace';

// Each rule is shown to fail on a copy of the real prod rendering broken in one place: a rule that passes the
// overlays (overlays.spec.ts) is only worth something if it would have caught the mistake.

const CONTRACT_TOPICS = Object.values(TOPICS);
const DEPENDENCIES = readServiceDependencies(WORKSPACE_ROOT);
let rendered: KubernetesObject[];

beforeAll(() => {
  rendered = renderOverlay(join(WORKSPACE_ROOT, 'k8s/overlays/prod'));
});

function broken(change: (objects: KubernetesObject[]) => void): KubernetesObject[] {
  const objects = structuredClone(rendered);
  change(objects);
  return objects;
}

function find(objects: KubernetesObject[], kind: string, name: string): KubernetesObject {
  const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} is not in the rendering`);
  return object;
}

function container(objects: KubernetesObject[], deployment: string) {
  const template = podTemplateOf(find(objects, 'Deployment', deployment));
  if (!template) throw new Error(`${deployment} has no pod template`);
  return { pod: template.spec, container: template.spec.containers[0] };
}

function withoutObject(kind: string, name: string) {
  return (objects: KubernetesObject[]) => objects.splice(objects.indexOf(find(objects, kind, name)), 1);
}

describe('the unbroken prod rendering', () => {
  it('passes every rule, so each failure below comes from its one break', () => {
    expect(containerViolations(rendered, { versionPinnedImages: true })).toEqual([]);
    expect(availabilityViolations(rendered, { requireAutoscaler: true })).toEqual([]);
    expect(networkPolicyViolations(rendered)).toEqual([]);
    expect(egressViolations(rendered, DEPENDENCIES)).toEqual([]);
    expect(topicViolations(rendered, CONTRACT_TOPICS)).toEqual([]);
  });
});

describe('container rules', () => {
  const check = (objects: KubernetesObject[]) => containerViolations(objects, { versionPinnedImages: true });

  it('catch a missing liveness or readiness probe', () => {
    expect(check(broken((objects) => delete container(objects, 'insights').container.livenessProbe))).toEqual([
      'Deployment/insights container insights has no livenessProbe',
    ]);
    expect(check(broken((objects) => delete container(objects, 'dashboards').container.readinessProbe))).toEqual([
      'Deployment/dashboards container dashboards has no readinessProbe',
    ]);
  });

  it('catch a missing memory limit or CPU request', () => {
    const objects = broken((all) => {
      const resources = container(all, 'reporting').container.resources ?? {};
      delete resources.limits?.['memory'];
      delete resources.requests?.['cpu'];
    });
    expect(check(objects)).toEqual([
      'Deployment/reporting container reporting has no memory limit',
      'Deployment/reporting container reporting has no cpu request',
    ]);
  });

  it('catch a pod that may run as root, also when only the container says so', () => {
    const podLevel = broken((objects) => {
      const { pod } = container(objects, 'ingestion');
      if (pod.securityContext) pod.securityContext.runAsNonRoot = false;
    });
    // The init container (wait-for-topics) shares the pod's setting.
    expect(check(podLevel)).toEqual([
      'Deployment/ingestion container wait-for-topics has no runAsNonRoot: true (container or pod securityContext)',
      'Deployment/ingestion container ingestion has no runAsNonRoot: true (container or pod securityContext)',
    ]);
    const containerLevel = broken((objects) => {
      container(objects, 'insights').container.securityContext = { runAsNonRoot: false };
    });
    expect(check(containerLevel)).toEqual(['Deployment/insights container insights has no runAsNonRoot: true (container or pod securityContext)']);
  });

  it('catch an image tagged latest, untagged, or (prod) not pinned to a version', () => {
    const objects = broken((all) => (container(all, 'stream-processor').container.image = 'pulse/stream-processor:latest'));
    expect(check(objects)).toEqual(['Deployment/stream-processor container stream-processor: image pulse/stream-processor:latest is tagged latest']);
    expect(imageProblem('registry.example:5000/pulse/ingestion', false)).toBe('image registry.example:5000/pulse/ingestion has no tag (it would pull latest)');
    expect(imageProblem('pulse/ingestion:dev', true)).toBe('image pulse/ingestion:dev is not pinned to a version (x.y.z) or a digest');
    expect(imageProblem('pulse/ingestion:dev', false)).toBeUndefined();
    expect(imageProblem('pulse/ingestion:1.4.2', true)).toBeUndefined();
    expect(imageProblem(`pulse/ingestion@sha256:${'a'.repeat(64)}`, true)).toBeUndefined();
  });
});

describe('availability rules', () => {
  it('catch a Deployment without a PodDisruptionBudget', () => {
    expect(availabilityViolations(broken(withoutObject('PodDisruptionBudget', 'reporting')), { requireAutoscaler: true })).toEqual([
      'Deployment/reporting has no PodDisruptionBudget selecting its pods',
    ]);
  });

  it('catch a Deployment without an autoscaler where one is required (prod)', () => {
    const objects = broken(withoutObject('HorizontalPodAutoscaler', 'dashboards'));
    expect(availabilityViolations(objects, { requireAutoscaler: true })).toEqual(['Deployment/dashboards has no HorizontalPodAutoscaler']);
    expect(availabilityViolations(objects, { requireAutoscaler: false })).toEqual([]);
  });

  it('catch an autoscaler aimed at a Deployment that does not exist', () => {
    const objects = broken((all) => {
      (find(all, 'HorizontalPodAutoscaler', 'insights').spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name = 'insight';
    });
    expect(availabilityViolations(objects, { requireAutoscaler: true })).toEqual([
      'Deployment/insights has no HorizontalPodAutoscaler',
      'HorizontalPodAutoscaler/insights scales Deployment/insight, which does not exist',
    ]);
  });
});

describe('network policy rules', () => {
  it('catch a policy whose pod selector matches no workload (a typo in a label)', () => {
    const objects = broken((all) => {
      (find(all, 'NetworkPolicy', 'insights').spec as NetworkPolicySpec).podSelector = { matchLabels: { 'app.kubernetes.io/name': 'insight' } };
    });
    expect(networkPolicyViolations(objects)).toEqual([
      'NetworkPolicy/insights selects no pod (podSelector {"matchLabels":{"app.kubernetes.io/name":"insight"}})',
    ]);
  });

  it('catch a peer that names pods nothing runs', () => {
    const objects = broken((all) => {
      (find(all, 'NetworkPolicy', 'pulse-egress-redis').spec as NetworkPolicySpec).egress = [
        { to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'redis' } } }], ports: [{ port: 6379 }] },
      ];
    });
    expect(networkPolicyViolations(objects)).toEqual([
      'NetworkPolicy/pulse-egress-redis names peer pods {"matchLabels":{"app.kubernetes.io/name":"redis"}} that no workload runs',
    ]);
  });

  it('catch egress that disagrees with the ServiceDefinitions, or is open to every port', () => {
    expect(egressViolations(broken(withoutObject('NetworkPolicy', 'pulse-egress-postgres')), DEPENDENCIES)).toEqual(
      // In rendering order (kustomize sorts by kind, then name).
      ['dashboards', 'ingestion', 'insights', 'reporting', 'stream-processor'].map(
        (service) => `${service} depends on store but no NetworkPolicy opens egress to port 5432`,
      ),
    );
    const reportingOnKafka = broken((all) => {
      const selector = (find(all, 'NetworkPolicy', 'pulse-egress-kafka').spec as NetworkPolicySpec).podSelector;
      selector.matchExpressions?.[0].values?.push('reporting');
    });
    expect(egressViolations(reportingOnKafka, DEPENDENCIES)).toEqual(['reporting does not depend on bus yet may reach port 9092']);
    const openToAll = broken((all) => ((find(all, 'NetworkPolicy', 'pulse-egress-smtp').spec as NetworkPolicySpec).egress = [{}]));
    expect(egressViolations(openToAll, DEPENDENCIES)).toEqual(['Deployment/reporting may reach any port (an egress rule without ports)']);
  });
});

describe('platform rules', () => {
  it("catch a processor autoscaler above the raw topic's partitions, and topics that differ from the contract", () => {
    const objects = broken((all) => {
      (find(all, 'HorizontalPodAutoscaler', 'stream-processor').spec as { maxReplicas: number }).maxReplicas = 7;
      const configMap = find(all, 'ConfigMap', 'pulse-kafka-topics');
      if (configMap.data) configMap.data['topics'] = configMap.data['topics'].replace('pulse.anomalies.v1 3', 'pulse.anomaly.v1 3');
    });
    expect(topicViolations(objects, CONTRACT_TOPICS)).toEqual([
      'topic pulse.anomalies.v1 (libs/contracts) is not created by the topics job',
      'the topics job creates pulse.anomaly.v1, which libs/contracts does not define',
      'HorizontalPodAutoscaler/stream-processor allows 7 replicas but pulse.events.raw.v1 has 6 partitions',
    ]);
  });

  it('catch a service that does not get a required variable, or reads a Secret nothing creates', () => {
    const operatorSecret = { name: 'pulse-secrets', keys: ['DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKERS'] };
    const required = ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL'];
    expect(environmentViolations(rendered, required, operatorSecret)).toEqual([]);
    expect(environmentViolations(rendered, required, { ...operatorSecret, keys: ['DATABASE_URL'] })).toHaveLength(5);
    const renamed = broken((all) => {
      const envFrom = container(all, 'ingestion').container.envFrom ?? [];
      envFrom[1] = { secretRef: { name: 'pulse-secret' } };
    });
    expect(environmentViolations(renamed, required, operatorSecret)).toEqual([
      'Deployment/ingestion container ingestion reads Secret pulse-secret, which nothing creates',
      'Deployment/ingestion container ingestion does not get KAFKA_BROKERS, DATABASE_URL, REDIS_URL',
    ]);
  });

  it('catch a secretKeyRef to a key the Secret does not have', () => {
    const operatorSecret = { name: 'pulse-secrets', keys: ['DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKERS'] };
    expect(secretKeyViolations(rendered, operatorSecret)).toEqual([]);
    expect(secretKeyViolations(rendered, { ...operatorSecret, keys: ['DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKER'] })).toEqual([
      'Deployment/ingestion container wait-for-topics reads key KAFKA_BROKERS of Secret pulse-secrets, which it does not have',
      'Deployment/stream-processor container wait-for-topics reads key KAFKA_BROKERS of Secret pulse-secrets, which it does not have',
      'Job/pulse-kafka-topics container create-topics reads key KAFKA_BROKERS of Secret pulse-secrets, which it does not have',
    ]);
  });
});

describe('schema validation', () => {
  it('catches a field of the wrong type and an API version kubernetes-models does not know', () => {
    const objects = broken((all) => {
      const ports = container(all, 'ingestion').container as unknown as { ports: { containerPort: unknown }[] };
      ports.ports[0].containerPort = 'http';
      find(all, 'PodDisruptionBudget', 'insights').apiVersion = 'policy/v2';
    });
    expect(schemaProblemsOf(objects)).toEqual([
      { object: 'Deployment/ingestion', problem: expect.stringContaining('containerPort must be integer') },
      { object: 'PodDisruptionBudget/insights', problem: 'no schema for policy/v2 PodDisruptionBudget in kubernetes-models (unknown or removed API version)' },
    ]);
  });

  it('refuses API versions Kubernetes stopped serving', () => {
    const objects = broken((all) => (find(all, 'HorizontalPodAutoscaler', 'insights').apiVersion = 'autoscaling/v2beta2'));
    expect(removedApiViolations(objects)).toEqual(['HorizontalPodAutoscaler/insights uses autoscaling/v2beta2, which Kubernetes no longer serves']);
  });
});

describe('readServiceDependencies', () => {
  it("reads each ServiceDefinition's dependencies from the feature libraries", () => {
    expect(DEPENDENCIES).toMatchObject({ ingestion: ['bus', 'store'], 'stream-processor': ['bus', 'store', 'cache'] });
    expect(Object.keys(DEPENDENCIES).sort()).toEqual(['dashboards', 'ingestion', 'insights', 'reporting', 'stream-processor']);
  });
});
