/** One environment variable that failed validation, and every rule it broke. */
export interface ConfigProblem {
  variable: string;
  rules: string[];
}

/**
 * Thrown at start when the environment is unusable. The message names every bad variable and the rule it
 * broke, never the value: values may be passwords or tokens.
 */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration: ${problems.flatMap((problem) => problem.rules).join('; ')}`);
  }
}
