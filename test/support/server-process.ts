// Group Steward (or another server) in a process of its own, for tests and benchmarks that must
// stop it the hard way or load it from outside.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');

/** Starts a server process and waits for the JSON line that says where it listens. */
export function serve(
  args: string[],
  env: Record<string, string>,
  urlFrom: (line: Record<string, unknown>) => string | null,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(NODE, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (const line of buffered.split('\n').slice(0, -1)) {
        const url = line.startsWith('{') ? urlFrom(JSON.parse(line)) : null;
        if (url) resolve({ url, child });
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

/** Group Steward's own start line. */
export const stewardUrl = (line: Record<string, unknown>) =>
  line['msg'] === 'Group Steward is listening' ? String(line['url']) : null;

/** Stops the process with `signal` (SIGTERM: cleanly; SIGKILL: the instant, as a crash). */
export async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
