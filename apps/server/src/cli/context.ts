import {
  type ChatPlatform,
  type Clock,
  type CoreDeps,
  type Logger,
  type Platform,
  type Store,
  systemClock,
} from '@steward/core';
import pino from 'pino';
import type { Config } from '../config.ts';
import { openDatabase } from '../database.ts';
import { createLogger } from '../logger.ts';
import { createEdges, platformsOf } from '../steward.ts';

/** What a command is given: the configured store, clock, logger and platforms, and where to write. */
export interface CliContext {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  /** JSON lines on standard error: standard output is the command's answer. */
  readonly logger: Logger;
  readonly deps: CoreDeps;
  /** Writes one line of the command's answer to standard output. */
  readonly print: (line: string) => void;
  /** The configured platforms' clients (made on first use: most commands need none). */
  platforms(): Promise<Partial<Record<Platform, ChatPlatform>>>;
}

export interface OpenedContext extends CliContext {
  close(): Promise<void>;
}

export interface ContextOptions {
  /** Log at info instead of warn. */
  readonly verbose: boolean;
}

/** Opens the store as the server does (migrated, the tokens sealed with the configured keys). */
export async function openContext(config: Config, options: ContextOptions): Promise<OpenedContext> {
  const logger = createLogger(options.verbose ? 'debug' : 'warn', false, pino.destination(2));
  const { store } = await openDatabase(config.database);
  const clock = systemClock;
  const deps: CoreDeps = { store, clock, organisation: config.organisation, publicUrl: config.publicUrl };
  let platforms: Promise<Partial<Record<Platform, ChatPlatform>>> | null = null;
  return {
    config,
    store,
    clock,
    logger,
    deps,
    print: (line) => process.stdout.write(`${line}\n`),
    platforms: () => (platforms ??= platformClients(config, deps, logger)),
    close: () => store.close(),
  };
}

/** The clients the outbox uses, from the edges (the command line takes no events: it serves no requests). */
async function platformClients(
  config: Config,
  deps: CoreDeps,
  logger: Logger,
): Promise<Partial<Record<Platform, ChatPlatform>>> {
  const refuse = async () => {
    throw new Error('the command line takes no events');
  };
  return platformsOf(await createEdges(config, deps, logger, refuse));
}
