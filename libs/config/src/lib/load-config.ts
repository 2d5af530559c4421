import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigValidationError, type ConfigProblem } from './config-validation-error';

export type Environment = Record<string, string | undefined>;

/**
 * Reads the environment into `schema`, a class whose property names are the variable names, and validates it
 * with its class-validator rules. Values are trimmed; an empty value counts as unset (`PORT=` in a compose file
 * means "use the default", not "port zero").
 *
 * @throws ConfigValidationError naming every bad variable.
 */
export function loadConfig<T extends object>(schema: new () => T, env: Environment = process.env): T {
  const config = plainToInstance(schema, presentValues(env), { exposeDefaultValues: true });
  // whitelist drops the variables the schema does not declare (PATH, HOME, …).
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(errors.flatMap((error) => problemsOf(error)));
  return config;
}

function presentValues(env: Environment): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const trimmed = value?.trim();
    if (trimmed) present[name] = trimmed;
  }
  return present;
}

function problemsOf(error: ValidationError, parentPath = ''): ConfigProblem[] {
  const variable = parentPath ? `${parentPath}.${error.property}` : error.property;
  const constraints = error.constraints ?? {};
  // A missing variable also breaks its format rule; saying only "is required" is the useful part.
  const rules = constraints['isDefined'] ? [constraints['isDefined']] : Object.values(constraints);
  const own = rules.length > 0 ? [{ variable, rules }] : [];
  return [...own, ...(error.children ?? []).flatMap((child) => problemsOf(child, variable))];
}
