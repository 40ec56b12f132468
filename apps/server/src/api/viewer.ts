import type { Locale } from '@steward/core';
import type { Response } from 'express';

// The sign-in helper's middleware (branch `auth`) sets `response.locals.viewer` for a signed-in
// request; this is its contract, read here until its own type is merged.

/** Who is looking at the dashboard, as sign-in established. */
export interface Viewer {
  readonly personId: string;
  readonly tenantId: string;
  readonly role: 'community_manager' | 'owner';
  readonly locale: Locale;
  readonly displayName: string;
}

/** The signed-in viewer of a request, or null. */
export function viewerOf(response: Response): Viewer | null {
  const viewer = (response.locals as { viewer?: Viewer }).viewer;
  return viewer ?? null;
}
