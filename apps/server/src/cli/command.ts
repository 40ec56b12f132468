import type { Command } from 'commander';
import type { CliContext } from './context.ts';

/**
 * 0: done, nothing wrong; 1: problems found, or the work failed; 2: bad usage or configuration;
 * 130: stopped by Ctrl-C, what was done kept (the shell's code for SIGINT).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command's arguments or options do not make sense together: one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a command does, given the opened context, its options and its positional arguments. */
export type CommandAction<O> = (context: CliContext, options: O, args: readonly string[]) => Promise<ExitCode>;

/** Wraps an action as commander's: opens the context, runs it, closes it, sets the exit code. */
export type Run = <O>(action: CommandAction<O>) => (...received: unknown[]) => Promise<void>;

/** Adds one command (and its subcommands) to the program. */
export type RegisterCommand = (program: Command, run: Run) => void;
