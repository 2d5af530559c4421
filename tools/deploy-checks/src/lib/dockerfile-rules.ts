import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';

// Every optional check of dockerfile-utils' linter, as an error.
const STRICT: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

/** dockerfile-utils' diagnostics (syntax, arguments, flags, casing, …) as `line N: message`. */
export function lintDockerfile(content: string): string[] {
  return validate(content, STRICT).map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
}

interface Instruction {
  keyword: string;
  argument: string;
}

/** Instructions with continuation lines joined and comments dropped. */
function instructionsOf(content: string): Instruction[] {
  const joined = content.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), argument: rest.join(' ') };
    });
}

/**
 * Pulse's own rules: every base image pinned to a tag that is not latest, and the final stage runs as a numeric
 * non-root user (Kubernetes verifies runAsNonRoot only for a numeric one) and has a CMD.
 */
export function dockerfileRuleViolations(content: string): string[] {
  const violations: string[] = [];
  const instructions = instructionsOf(content);
  const stages: string[] = [];
  let finalStage: Instruction[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, stage] = instruction.argument.split(/\s+/).filter((word) => !word.startsWith('--'));
      if (!stages.includes(image)) {
        const tag = image.includes('@') ? 'digest' : image.slice(image.lastIndexOf('/') + 1).split(':')[1];
        if (!tag) violations.push(`FROM ${image}: no tag (it would pull latest)`);
        else if (tag === 'latest') violations.push(`FROM ${image}: tagged latest`);
      }
      if (as?.toUpperCase() === 'AS' && stage) stages.push(stage);
      finalStage = [];
    }
    finalStage.push(instruction);
  }
  const user = finalStage.filter((instruction) => instruction.keyword === 'USER').pop()?.argument;
  const uid = user?.split(':')[0];
  if (!user) violations.push('the final stage sets no USER: the container would run as root');
  else if (!/^\d+$/.test(uid ?? '')) violations.push(`USER ${user} is not numeric: Kubernetes cannot verify runAsNonRoot`);
  else if (Number(uid) === 0) violations.push(`USER ${user} is root`);
  if (!finalStage.some((instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT')) {
    violations.push('the final stage has no CMD or ENTRYPOINT');
  }
  return violations;
}
