// The baseline for `npm run bench:teams`: a bare Teams SDK app whose message handler does nothing,
// validating tokens the same way on the same Express adapter our server uses. Prints its URL.
import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { ConsoleLogger } from '@microsoft/teams.common';
import express from 'express';

const router = express();
const app = new App({
  clientId: process.env['TEAMS_APP_ID'] ?? '',
  clientSecret: process.env['TEAMS_APP_PASSWORD'] ?? '',
  httpServerAdapter: new ExpressAdapter(router),
  messagingEndpoint: '/api/messages',
  cloud: withOverrides(PUBLIC, { openIdMetadataUrl: process.env['TEAMS_OPENID_METADATA_URL'] ?? '' }),
  logger: new ConsoleLogger('bare', { level: 'error' }),
});
app.on('message', async () => {});
await app.initialize();

const server = router.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(JSON.stringify({ url: `http://127.0.0.1:${address.port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
