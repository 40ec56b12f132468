// The `steward` command line run as an administrator runs it: a process of its own.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server-process.ts';

const NODE = join(ROOT, 'node_modules/.bin/node');
const CLI = join(ROOT, 'apps/server/src/cli/main.ts');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `steward …args` with `env` over a bare environment (no variable of this test process leaks
 * into its configuration), and waits for it to exit. `signalAfter` sends a signal once standard
 * output contains the text (e.g. SIGINT once a backfill is under way).
 */
export function steward(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  signalAfter?: { readonly text: string; readonly signal: NodeJS.Signals },
): Promise<CliRun> {
  const child = spawn(NODE, [CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', STEWARD_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (signalAfter && !signalled && stdout.includes(signalAfter.text)) {
      signalled = true;
      child.kill(signalAfter.signal);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
