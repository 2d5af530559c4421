import { PGlite } from '@electric-sql/pglite';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

let cluster: Promise<Blob> | undefined;

/**
 * A fresh, empty PGlite cluster (what initdb leaves, before any migration) to start in-memory stores from:
 * initdb takes seconds each time and suites open dozens of embedded stores. Kept in the temp directory per
 * PGlite version, so every test file of a run (each its own module registry) reads it instead of running
 * initdb again.
 */
export function freshEmbeddedCluster(): Promise<Blob> {
  cluster ??= loadOrCreate();
  return cluster;
}

async function loadOrCreate(): Promise<Blob> {
  // The package exports no package.json: find it beside the entry point (dist/ sits under the package root).
  const manifest = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const version = JSON.parse(await readFile(manifest, 'utf8')).version as string;
  const file = join(tmpdir(), `pulse-pglite-cluster-${version}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const pglite = await PGlite.create('memory://');
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    // Written aside and renamed: two test processes may create it at once, neither reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}
