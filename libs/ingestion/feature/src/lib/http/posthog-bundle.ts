import { Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** The posthog-js browser bundle, as read from Pulse's own dependency, plain and gzipped. */
export interface PostHogBundleFile {
  path: string;
  version: string;
  plain: Buffer;
  gzipped: Buffer;
}

/**
 * Serves `/static/array.js`, the file PostHog's standard snippet loads, from the posthog-js package
 * Pulse depends on (so the SDK on the page is the version Pulse is tested with). Read on first use and
 * kept in memory (380 KB, 120 KB gzipped).
 */
@Injectable()
export class PostHogBundle {
  private loading: Promise<PostHogBundleFile> | undefined;

  read(): Promise<PostHogBundleFile> {
    this.loading ??= loadBundle(createRequire(__filename)).catch((error: unknown) => {
      this.loading = undefined; // a later request tries again
      throw error;
    });
    return this.loading;
  }
}

/**
 * `require` is Node's own here, a parameter: webpack rewrites the free `require.resolve` of the built
 * apps into its module ids, but leaves a local binding alone. The literal `require.resolve` calls are
 * also how Nx sees that the app needs posthog-js in its generated package.json.
 */
async function loadBundle(require: NodeJS.Require): Promise<PostHogBundleFile> {
  const path = require.resolve('posthog-js/dist/array.js');
  const manifest = JSON.parse(await readFile(require.resolve('posthog-js/package.json'), 'utf8')) as { version: string };
  const plain = await readFile(path);
  return { path, version: manifest.version, plain, gzipped: await promisify(gzip)(plain) };
}
