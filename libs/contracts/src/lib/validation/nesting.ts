/**
 * Levels of arrays and objects an event may nest (the event itself is level 1). class-transformer, which
 * validation runs on what the compiled rules do not decide, walks values recursively and overflowed the stack
 * (a 500) near 1,500 levels of arrays; events are refused long before, naming the field.
 */
export const MAX_EVENT_NESTING = 64;

/**
 * The top-level field under which `value` nests arrays or objects deeper than `limit` levels (`value` is level 1,
 * its fields' values level 2), walked without recursion; undefined when it does not. A blank key is named quoted.
 */
export function fieldNestedTooDeep(
  value: unknown,
  limit: number,
): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const pending = Object.entries(value).map(
    ([key, node]): { node: unknown; depth: number; field: string } => ({
      node,
      depth: 2,
      field: fieldNameOf(key),
    }),
  );
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth, field } = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return field;
    for (const child of Object.values(node))
      pending.push({ node: child, depth: depth + 1, field });
  }
  return undefined;
}

/** A key as a field name; an empty or blank key would name nothing visible, so it is shown quoted (`""`, `" "`). */
export function fieldNameOf(key: string): string {
  return key.trim() === '' ? JSON.stringify(key) : key;
}
