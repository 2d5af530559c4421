/** `openIncidentId` → `open_incident_id`: how a camel-cased entity field is named as a column. */
export type SnakeCase<Text extends string> = Text extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : Text;

/** A row as SQL returns it: an entity's fields (not its relations) under their column names. */
export type SnakeCaseRow<Row, Relations extends keyof Row = never> = {
  [Key in keyof Omit<Row, Relations> as SnakeCase<Key & string>]-?: Row[Key];
};

/** TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with [rows, count], INSERT and SELECT with rows. */
export function returnedRows<Row>(result: unknown): Row[] {
  const rows = result as unknown[];
  return (Array.isArray(rows[0]) ? rows[0] : rows) as Row[];
}
