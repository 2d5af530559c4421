/** Collects bound parameters while a statement is assembled: `add` returns the placeholder to write. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
