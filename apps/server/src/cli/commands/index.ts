import type { RegisterCommand } from '../command.ts';
import { eraseCommand, exportCommand } from './person-commands.ts';
import { retentionCommand } from './retention-command.ts';

/** Every command of `steward`, in the order `--help` lists them: one line each. */
export const COMMANDS: readonly RegisterCommand[] = [
  exportCommand,
  eraseCommand,
  retentionCommand,
];
