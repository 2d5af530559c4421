/**
 * Runs `shutdown` once on the first SIGINT (Ctrl-C) or SIGTERM (Kubernetes), then exits with its outcome.
 * A second signal while draining exits at once: the operator insisted.
 */
export function onShutdownSignal(shutdown: () => Promise<void>, log: (message: string) => void): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} received again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal} received, shutting down`);
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
