/**
 * What a secret key may do. Every key reads (queries, dashboard data, live streams, report runs and downloads,
 * exports); `manage` also changes the tenant's configuration through the API (dashboards, widgets, reports, report
 * schedules, alert rules, segments, replaying quarantined events).
 */
export const SECRET_KEY_SCOPES = ['read', 'manage'] as const;
export type SecretKeyScope = (typeof SECRET_KEY_SCOPES)[number];

/** Keys issued without a choice only read: managing must be asked for. */
export const DEFAULT_SECRET_KEY_SCOPES: readonly SecretKeyScope[] = ['read'];

/** `read` plus what was asked for, in a fixed order: `['read']` or `['read', 'manage']`. */
export function secretKeyScopesOf(requested: readonly SecretKeyScope[] | undefined): SecretKeyScope[] {
  return SECRET_KEY_SCOPES.filter((scope) => scope === 'read' || requested?.includes(scope));
}

/** Whether stored scopes grant `required`; `manage` includes reading. */
export function grantsScope(scopes: readonly string[], required: SecretKeyScope): boolean {
  return required === 'read' || scopes.includes(required);
}
