import { useEffect, useState } from 'preact/hooks';

/** What JSON makes of a type: its dates come as ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? readonly Json<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Json<T[K]> }
      : T;

/** A refusal of the API, with its stable code and the text it gave. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Without a session, the dashboard is left for the sign-in page, which brings the viewer back here. */
export function signIn(): never {
  const next = location.pathname + location.search;
  location.assign(`/auth/signin?next=${encodeURIComponent(next)}`);
  throw new ApiError(401, 'unauthenticated', 'signing in');
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: { accept: 'application/json', ...init.headers },
  });
  if (response.status === 401) signIn();
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body ?? {}) as { error?: unknown; code?: unknown; message?: unknown; detail?: unknown };
    const code = String(error.code ?? error.error ?? response.status);
    const message = [error.message, error.detail, error.error].find((text) => typeof text === 'string') as
      | string
      | undefined;
    throw new ApiError(response.status, code, message ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

export const postJson = <T>(path: string, body: unknown) =>
  request<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: Error }
  | { readonly state: 'ready'; readonly value: T };

/** `path` fetched again whenever it changes; a later answer never loses to an earlier one. */
export function useApi<T>(path: string | null): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoaded((before) => (before.state === 'ready' ? before : { state: 'loading' }));
    request<T>(path).then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: Error) => current && setLoaded({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [path, attempt]);
  return [loaded, () => setAttempt((n) => n + 1)];
}
