/** A Kubernetes object as rendered. Only the fields the checks read are typed; `spec` is read per kind. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface Container {
  name: string;
  image?: string;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[];
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  };
}

export interface HorizontalPodAutoscalerSpec {
  scaleTargetRef: { kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}

export interface NetworkPolicyPort {
  port?: number | string;
  protocol?: string;
}

export interface NetworkPolicySpec {
  podSelector: LabelSelector;
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
  egress?: { to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
}

/** `Deployment/ingestion`: how a failure names an object. */
export function nameOf(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata?.name}`;
}

/** Workloads that run long and must say whether they are alive and ready. */
export const LONG_RUNNING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** The pod template of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob); undefined for other kinds. */
export function podTemplateOf(object: KubernetesObject): PodTemplate | undefined {
  const spec = object.spec as { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } | undefined;
  if ([...LONG_RUNNING_KINDS, 'Job'].includes(object.kind)) return spec?.template;
  if (object.kind === 'CronJob') return spec?.jobTemplate?.spec?.template;
  return undefined;
}

/** Whether `selector` selects an object labelled `labels` (an empty selector selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
    }
  });
  return byLabels && byExpressions;
}
