import { randomBytes } from 'node:crypto';

/** A topic or group name no earlier run used, so tests re-run against the same broker never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(6).toString('hex')}`;
}
