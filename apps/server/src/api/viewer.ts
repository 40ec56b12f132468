import type { Response } from 'express';
import type { Viewer } from '../auth/index.ts';

export type { Viewer };

/** The signed-in viewer of a request (sign-in's `authenticate` sets it), or null. */
export function viewerOf(response: Response): Viewer | null {
  return response.locals.viewer ?? null;
}
