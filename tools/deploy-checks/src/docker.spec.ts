import { CONFIG_VARIABLES } from '@pulse/config';
import { TOPICS } from '@pulse/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeTopicPartitions, composeViolations, parseCompose, type ComposeFile } from './lib/compose-rules';
import { dockerfileRuleViolations, lintDockerfile } from './lib/dockerfile-rules';
import { topicPartitions } from './lib/platform-rules';
import { parseManifests } from './lib/render-overlay';
import { readServiceDependencies } from './lib/service-dependencies';
import { WORKSPACE_ROOT } from './lib/workspace';

const read = (path: string) => readFileSync(join(WORKSPACE_ROOT, path), 'utf8');
const DOCKERFILE = read('docker/Dockerfile');
const COMPOSE_TEXT = read('docker/compose.yaml');
const OPTIONS = {
  services: readServiceDependencies(WORKSPACE_ROOT),
  requiredVariables: CONFIG_VARIABLES.filter((variable) => variable.required).map((variable) => variable.name),
};

describe('docker/Dockerfile', () => {
  it('passes dockerfile-utils’ linter with every optional check as an error', () => {
    expect(lintDockerfile(DOCKERFILE)).toEqual([]);
  });

  it('pins its base images, runs as a numeric non-root user and has a CMD', () => {
    expect(dockerfileRuleViolations(DOCKERFILE)).toEqual([]);
  });

  it('builds the service named by APP with Nx, and ships the web UI in the dashboards image', () => {
    expect(DOCKERFILE).toContain('RUN npx nx run "$APP:build"');
    expect(DOCKERFILE).toContain('cp -R dist/apps/web /out/web');
    expect(DOCKERFILE).toMatch(/FROM node:[\d.]+-bookworm-slim AS runtime[\s\S]*npm ci --omit=dev/);
  });

  it('lint catches a malformed instruction, and the rules a latest base image and a root or named user', () => {
    expect(lintDockerfile('FROM node:20.20.2-bookworm-slim\nEXPOSE abc\ncmd ["node", "main.js"]\n')).toEqual([
      'line 2: Invalid containerPort: abc',
      'line 3: Instructions should be written in uppercase letters',
    ]);
    expect(dockerfileRuleViolations('FROM node:latest AS build\nFROM node\nCMD ["node"]\n')).toEqual([
      'FROM node:latest: tagged latest',
      'FROM node: no tag (it would pull latest)',
      'the final stage sets no USER: the container would run as root',
    ]);
    expect(dockerfileRuleViolations('FROM node:20 AS build\nUSER 1000\nFROM build\nUSER node\n')).toEqual([
      'USER node is not numeric: Kubernetes cannot verify runAsNonRoot',
      'the final stage has no CMD or ENTRYPOINT',
    ]);
    expect(dockerfileRuleViolations('FROM node:20\nUSER 0:0\nCMD ["node"]\n')).toEqual(['USER 0:0 is root']);
  });
});

describe('docker/compose.yaml', () => {
  const compose = parseCompose(COMPOSE_TEXT);

  it('runs every service on its dependencies with the variables libs/config requires, no image latest', () => {
    expect(composeViolations(compose, OPTIONS)).toEqual([]);
    expect(Object.keys(compose.services).sort()).toEqual(
      ['dashboards', 'ingestion', 'insights', 'kafka', 'kafka-topics', 'postgres', 'redis', 'reporting', 'stream-processor'],
    );
  });

  it("creates the contract's topics with the partition counts of k8s/base", () => {
    const kubernetes = topicPartitions(parseManifests(read('k8s/base/kafka-topics.yaml')));
    expect(Object.fromEntries(composeTopicPartitions(compose))).toEqual(Object.fromEntries(kubernetes));
    expect([...composeTopicPartitions(compose).keys()].sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('the checks catch a missing variable, a wrong start order, an unknown dependency and a latest image', () => {
    const broken = structuredClone(compose) as ComposeFile;
    const environment = broken.services['insights'].environment as Record<string, string>;
    delete environment['REDIS_URL'];
    broken.services['ingestion'].depends_on = { postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } };
    broken.services['dashboards'].depends_on = { postgress: { condition: 'service_healthy' } };
    broken.services['redis'].image = 'redis:latest';
    broken.services['reporting'].build = { context: '..', dockerfile: 'docker/Dockerfile', args: { APP: 'dashboards' } };
    expect(composeViolations(broken, OPTIONS)).toEqual([
      'service redis: image redis:latest is tagged latest',
      'service dashboards depends on postgress, which is not defined',
      // Then per service, in the order of libs/ (readServiceDependencies).
      'service dashboards does not wait for postgres (service_healthy)',
      'service dashboards does not wait for redis (service_healthy)',
      'service dashboards does not wait for kafka-topics (service_completed_successfully)',
      'service ingestion does not wait for kafka-topics (service_completed_successfully)',
      'service insights does not set REDIS_URL',
      'service reporting is not built from docker/Dockerfile with APP=reporting',
    ]);
  });
});
