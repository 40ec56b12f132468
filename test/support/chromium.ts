import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium: the browser tests drive a real browser, not one downloaded by playwright. */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium for a browser test, headless in a container (no sandbox, no GPU, no /dev/shm to speak of). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}
