import type { DashboardViewer } from '@steward/core';
import type { Response } from 'express';

// Sign-in's middleware sets `response.locals.viewer` for a signed-in request.

export type Viewer = DashboardViewer;

/** The signed-in viewer of a request, or null. */
export function viewerOf(response: Response): Viewer | null {
  const viewer = (response.locals as { viewer?: Viewer }).viewer;
  return viewer ?? null;
}
