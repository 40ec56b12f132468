// The baseline for `npm run bench:slack`: a bare Bolt app whose listener does nothing, on the same
// receiver (ExpressReceiver on Express 5) our server uses. Prints its URL, then serves until killed.
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';

const signingSecret = process.env['SLACK_SIGNING_SECRET'] ?? '';
const receiver = new ExpressReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const app = new App({
  receiver,
  logLevel: LogLevel.ERROR,
  authorize: async () => ({ botToken: 'xoxb-bench', botUserId: 'U0BOT', botId: 'B0BOT' }),
});
app.event('message', async () => {});

const server = express()
  .use(receiver.router)
  .listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object')
      console.log(JSON.stringify({ url: `http://127.0.0.1:${address.port}` }));
  });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
