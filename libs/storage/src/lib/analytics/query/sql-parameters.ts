/**
 * Collects bound parameters while a statement is built: every value and every property name goes in
 * here and only its placeholder (`$3`) into the SQL text.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** The placeholder for `value`, with a cast so PostgreSQL never has to guess its type. */
  bind(value: unknown, type: 'text' | 'numeric' | 'boolean' | 'uuid' | 'timestamptz' | 'int' | 'bigint' | 'text[]' | 'numeric[]' | 'int[]' | 'bigint[]' | 'timestamptz[]' | 'varchar'): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
