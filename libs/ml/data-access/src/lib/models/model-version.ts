/** A trained model to keep: what it is (JSON), how well it did on held-out data, when it was trained. */
export interface NewModelVersion {
  model: unknown;
  metrics: Record<string, unknown>;
  trainedAt: Date;
  /** Serve this version from now on (replacing the current one). */
  makeCurrent: boolean;
}

export interface StoredModelVersion {
  id: string;
  tenantId: string;
  /** churn, satisfaction, intent…: lower-case letters, digits and `_`. */
  kind: string;
  /** 1, 2, 3… per (tenant, kind), in the order they were saved. */
  version: number;
  model: unknown;
  metrics: Record<string, unknown>;
  isCurrent: boolean;
  trainedAt: Date;
  createdAt: Date;
}
