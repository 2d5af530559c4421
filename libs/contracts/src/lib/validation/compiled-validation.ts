import {
  getMetadataStorage,
  ValidationTypes,
  type ValidationArguments,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';

/**
 * A fast "is this valid?" for class-validator DTOs, for the hot path (every event, at ingestion and in the
 * stream processor). class-validator stays the source of truth: this runs the SAME constraint objects the
 * decorators registered, in the same order and with the same conditions, but on the plain input and from
 * metadata gathered once per class — instead of class-transformer building an instance of every nested
 * object and class-validator looking up metadata on every call (≈ 90 % of the cost, measured).
 *
 * It only ever answers `true` when class-validator would accept the input. Anything it does not model
 * (async rules, @Type discriminators, a nested value without @Type, class-transformer exposure rules…)
 * answers `false`, and the caller then runs class-validator itself, which also writes the error messages.
 */
export function passesCompiledValidation(
  dtoClass: new () => object,
  input: Record<string, unknown>,
): boolean {
  try {
    return compiledFor(dtoClass).accepts(input);
  } catch {
    return false;
  }
}

/** class-transformer's metadata: the class a nested value becomes (`@Type`), and its exposure rules. */
interface TypeMetadataLookup {
  findTypeMetadata(
    target: object,
    propertyName: string,
  ):
    | {
        typeFunction(options: {
          newObject: unknown;
          object: Record<string, unknown>;
          property: string;
        }): unknown;
        options?: { discriminator?: unknown };
      }
    | undefined;
  getStrategy(target: object): string;
  findTransformMetadatas(
    target: object,
    propertyName: string,
    transformationType: number,
  ): unknown[];
}
// Not in class-transformer's public entry point; it is the storage its decorators write to.
const typeMetadata = (
  require('class-transformer/cjs/storage') as {
    defaultMetadataStorage: TypeMetadataLookup;
  }
).defaultMetadataStorage;
const PLAIN_TO_CLASS = 0;

/** Any class constructor (DTO classes take no constructor arguments). */
export type AnyClass = abstract new (...args: never[]) => object;

class NotModelled extends Error {}

interface RuleCheck {
  metadata: ValidationMetadata;
  constraints: ConstraintMetadata[];
}

interface PropertyChecks {
  name: string;
  conditions: ReadonlyArray<(object: object, value: unknown) => boolean>;
  definedRules: readonly RuleCheck[];
  rules: readonly RuleCheck[];
  nested: readonly ValidationMetadata[];
}

interface CompiledClass {
  accepts(input: Record<string, unknown>): boolean;
}

const compiled = new Map<AnyClass, CompiledClass>();

function compiledFor(dtoClass: new () => object): CompiledClass {
  let entry = compiled.get(dtoClass);
  if (entry === undefined) {
    entry = compile(dtoClass);
    compiled.set(dtoClass, entry);
  }
  return entry;
}

function compile(dtoClass: new () => object): CompiledClass {
  const storage = getMetadataStorage();
  // Exactly the lookup class-validator's executor makes (no groups, `always` off, no strict groups).
  const metadatas = storage.getTargetValidationMetadatas(
    dtoClass,
    '',
    false,
    false,
    undefined as unknown as string[],
  );
  // forbidUnknownValues: a class without rules rejects every value; exposure rules would change the instance.
  if (metadatas.length === 0 || typeMetadata.getStrategy(dtoClass) !== 'none')
    return { accepts: () => false };
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyChecks[] = [];
  for (const [name, propertyMetadatas] of Object.entries(grouped)) {
    if (
      typeMetadata.findTransformMetadatas(dtoClass, name, PLAIN_TO_CLASS)
        .length > 0
    )
      return { accepts: () => false };
    const ofType = (type: string) =>
      propertyMetadatas.filter((metadata) => metadata.type === type);
    const known = new Set<string>([
      ValidationTypes.IS_DEFINED,
      ValidationTypes.CUSTOM_VALIDATION,
      ValidationTypes.NESTED_VALIDATION,
      ValidationTypes.CONDITIONAL_VALIDATION,
      ValidationTypes.WHITELIST,
    ]);
    if (propertyMetadatas.some((metadata) => !known.has(metadata.type)))
      return { accepts: () => false };
    const toRule = (metadata: ValidationMetadata): RuleCheck => ({
      metadata,
      constraints: storage.getTargetValidatorConstraints(
        metadata.constraintCls,
      ),
    });
    properties.push({
      name,
      conditions: ofType(ValidationTypes.CONDITIONAL_VALIDATION).map(
        (metadata) => metadata.constraints[0],
      ),
      definedRules: ofType(ValidationTypes.IS_DEFINED).map(toRule),
      rules: ofType(ValidationTypes.CUSTOM_VALIDATION).map(toRule),
      nested: ofType(ValidationTypes.NESTED_VALIDATION),
    });
  }
  const className = dtoClass.name;
  return {
    accepts: (input) => acceptsObject(className, dtoClass, properties, input),
  };
}

function acceptsObject(
  className: string,
  dtoClass: AnyClass,
  properties: readonly PropertyChecks[],
  object: Record<string, unknown>,
): boolean {
  // Plain loops, no closures: this runs for every property of every event.
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p];
    const value = object[property.name];
    let applies = true;
    for (let c = 0; c < property.conditions.length && applies; c++)
      applies = property.conditions[c](object, value);
    if (!applies) continue;
    if (!passesRules(className, object, value, property.definedRules))
      return false;
    if (!passesRules(className, object, value, property.rules)) return false;
    if (
      property.nested.length > 0 &&
      !acceptsNested(dtoClass, object, property.name, value)
    )
      return false;
  }
  return true;
}

function passesRules(
  className: string,
  object: object,
  value: unknown,
  rules: readonly RuleCheck[],
): boolean {
  for (let r = 0; r < rules.length; r++) {
    const { metadata, constraints } = rules[r];
    if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName: className,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    const eachItem =
      metadata.each &&
      (Array.isArray(value) || value instanceof Set || value instanceof Map);
    for (let c = 0; c < constraints.length; c++) {
      const constraint = constraints[c];
      if (constraint.async) throw new NotModelled();
      if (eachItem) {
        for (const item of value instanceof Map
          ? value.values()
          : (value as Iterable<unknown>)) {
          if (!isTrue(constraint.instance.validate(item, args))) return false;
        }
      } else if (!isTrue(constraint.instance.validate(value, args)))
        return false;
    }
  }
  return true;
}

/** A rule answering anything but a boolean (a promise) is not modelled here. */
function isTrue(result: unknown): boolean {
  if (typeof result !== 'boolean') throw new NotModelled();
  return result;
}

/** `@ValidateNested`: undefined passes; an object (or each object of an array) must pass its `@Type` class. */
function acceptsNested(
  parentClass: AnyClass,
  parent: Record<string, unknown>,
  propertyName: string,
  value: unknown,
): boolean {
  if (value === undefined) return true;
  const items = Array.isArray(value) ? value : [value];
  if (items.some((item) => !isPlainRecord(item))) return false;
  const type = typeMetadata.findTypeMetadata(parentClass, propertyName);
  if (type === undefined || type.options?.discriminator !== undefined)
    return false;
  const nestedClass = type.typeFunction({
    newObject: {},
    object: parent,
    property: propertyName,
  });
  if (typeof nestedClass !== 'function') return false;
  const nested = compiledFor(nestedClass as new () => object);
  return items.every((item) => nested.accepts(item as Record<string, unknown>));
}

function isPlainRecord(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}
