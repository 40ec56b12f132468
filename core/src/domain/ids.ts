/** Ids are UUIDs so that any process (and any store) can make them without coordination. */
export function newId(): string {
  return crypto.randomUUID();
}
