/** How long each phase of a test took, for its report line (never asserted: the machine's load varies). */
export class PhaseTimer {
  private readonly phases: string[] = [];
  private started = Date.now();

  /** Ends the current phase under `name` and starts the next. */
  mark(name: string): void {
    this.phases.push(`${name} ${((Date.now() - this.started) / 1000).toFixed(1)} s`);
    this.started = Date.now();
  }

  toString(): string {
    return this.phases.join(', ');
  }
}
