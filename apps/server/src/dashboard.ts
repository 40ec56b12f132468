import { ASSETS_PATH, type DashboardAssets } from '@steward/dashboard';
import express, { type Response } from 'express';

/**
 * Teams hosts the dashboard as a personal tab in a frame, so the hosts it may be framed by are
 * Teams' and Microsoft 365's, and no other site's ("Tab requirements": learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements).
 * Everything else comes from us: no CDN.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft",
].join('; ');

/** GET /dashboard and every path under it answer the page (its script reads the path); its files come from memory. */
export function createDashboardRouter(assets: DashboardAssets): express.Router {
  const router = express.Router();
  const page = (_request: unknown, response: Response) => {
    response
      .set({
        'Content-Security-Policy': DASHBOARD_CSP,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'same-origin',
      })
      .type('html')
      .send(assets.html);
  };
  router.get(`${ASSETS_PATH}:name`, (request, response, next) => {
    const file = assets.files.get(request.params.name);
    if (!file) return next();
    // The name changes with the content: a browser keeps it for good.
    response.set({
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: file.etag,
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.headers['if-none-match'] === file.etag) return response.status(304).end();
    response.type(file.type).send(Buffer.from(file.body));
  });
  router.get('/dashboard', page);
  router.get('/dashboard/{*rest}', (request, response, next) =>
    request.path.startsWith(ASSETS_PATH) ? next() : page(request, response),
  );
  return router;
}
