#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { configFromEnvironment } from '../environment.ts';
import { type CommandAction, EXIT, type Run, UsageError } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { openContext } from './context.ts';

// The command line's composition root: the only place it reads the environment.

const run: Run =
  <O>(action: CommandAction<O>) =>
  async (...received: unknown[]) => {
    const command = received.at(-1) as Command;
    const config = configFromEnvironment(process.env);
    const context = await openContext(config, { verbose: command.optsWithGlobals()['verbose'] === true });
    try {
      process.exitCode = await action(context, command.opts() as O, command.args);
    } finally {
      await context.close();
    }
  };

const program = new Command('steward')
  .description('Operate Group Steward: its roles, messages, health checks and history.')
  .option('--verbose', 'log what happens (on standard error)')
  .exitOverride()
  .showHelpAfterError('(steward --help lists the commands)');
for (const register of COMMANDS) register(program, run);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeOf(error);
}
// The platforms' clients may keep timers; the answer is written (standard output to a pipe or
// file is synchronous), so the process ends here.
process.exit();

/** One line for a person, never a stack trace. */
function exitCodeOf(error: unknown): number {
  // Commander has written its message (or the help) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    console.error(`steward: ${error.message}`);
    return EXIT.usage;
  }
  console.error(`steward: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.problems;
}
