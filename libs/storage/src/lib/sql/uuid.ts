const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL that is not a UUID names nothing: answering "absent" saves PostgreSQL's cast error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
