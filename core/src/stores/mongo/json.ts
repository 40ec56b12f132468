/**
 * The value as the PostgreSQL store's jsonb keeps it (Dates become ISO strings, undefined fields
 * go), so that both stores read back the same payloads, results and secrets.
 */
export function asJson(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
