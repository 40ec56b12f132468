/** Ids are UUIDs so that any process (and any store) can make them without coordination. */
export function newId(): string {
  return crypto.randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from outside (a button, a form) can be one of our ids at all. */
export function isId(value: string): boolean {
  return UUID.test(value);
}
