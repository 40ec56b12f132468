/**
 * Parsed JSON that a test reads deep into and breaks on purpose (payloads, manifests, answers). `any`
 * on purpose: a wrong path fails the test's assertion, and `unknown` would bury each read in casts.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; the one place tests use `any`.
export type Json = Record<string, any>;
