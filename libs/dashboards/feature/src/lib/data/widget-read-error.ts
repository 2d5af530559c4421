import type { QueryIssue } from '@pulse/analytics-core';

/** A widget that cannot be answered for a reason its owner can fix (reported in its place, never a 500). */
export class WidgetReadError extends Error {
  constructor(
    message: string,
    readonly issues: readonly QueryIssue[] = [],
  ) {
    super(message);
  }

  static fromIssues(issues: readonly QueryIssue[]): WidgetReadError {
    return new WidgetReadError(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), issues);
  }
}
