// Validates Kubernetes objects against the API schemas of kubernetes-models (offline). An ES module because
// kubernetes-models is ESM-only and the repository's Jest runs CommonJS: schema-validation.ts spawns this script.
// stdin: a JSON array of objects; stdout: a JSON array of { object: "Kind/name", problem } (empty when all valid).
import { readFileSync } from 'node:fs';

/** `apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment`; the core group (`v1`) has no group part. */
function modulePathOf(apiVersion, kind) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

async function problemOf(object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'has no apiVersion and kind';
  let model;
  try {
    model = (await import(modulePathOf(apiVersion, kind)))[kind];
  } catch {
    return `no schema for ${apiVersion} ${kind} in kubernetes-models (unknown or removed API version)`;
  }
  try {
    new model(object).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const object of objects) {
  const problem = await problemOf(object);
  if (problem) problems.push({ object: `${object?.kind}/${object?.metadata?.name}`, problem });
}
process.stdout.write(JSON.stringify(problems));
