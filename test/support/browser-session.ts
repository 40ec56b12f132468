/**
 * A browser's cookie jar over fetch, for sign-in round trips through real HTTP: it keeps what
 * Set-Cookie gives (RFC 6265 §5.2; a Max-Age of 0 or less removes the cookie) and sends it back on
 * every request, and never follows redirects, so a test sees each hop.
 */
export class BrowserSession {
  readonly #cookies = new Map<string, { value: string; attributes: string }>();

  /** One request; redirects are returned, not followed. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = [...this.#cookies].map(([name, { value }]) => `${name}=${value}`).join('; ');
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.#keep(line);
    return response;
  }

  /**
   * Follows redirects (303, 302) from `url` until an answer that is not one, or a URL not starting
   * with `stopAt`; `init`'s headers (a language) go with every hop, as a browser's do.
   */
  async follow(
    url: string,
    stopAt: readonly string[],
    init: RequestInit = {},
  ): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.fetch(current, init);
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const next = new URL(response.headers.get('location') ?? '', current).href;
      if (!stopAt.some((prefix) => next.startsWith(prefix))) return { response, url: next };
      current = next;
      response = await this.fetch(current, { headers: init.headers ?? {} });
    }
    return { response, url: current };
  }

  cookie(name: string): string | null {
    return this.#cookies.get(name)?.value ?? null;
  }

  /** The attributes the server set with the cookie, e.g. "Path=/; HttpOnly; SameSite=Lax". */
  attributes(name: string): string | null {
    return this.#cookies.get(name)?.attributes ?? null;
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, { value, attributes: '' });
  }

  #keep(line: string): void {
    const [pair = '', ...rest] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const attributes = rest.map((part) => part.trim()).join('; ');
    const maxAge = /(?:^|; )Max-Age=(-?\d+)/i.exec(attributes)?.[1];
    const expires = /(?:^|; )Expires=([^;]+)/i.exec(attributes)?.[1];
    const gone =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (maxAge === undefined && expires !== undefined && Date.parse(expires) <= Date.now());
    if (gone || value === '') this.#cookies.delete(name);
    else this.#cookies.set(name, { value, attributes });
  }
}
