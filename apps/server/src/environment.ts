import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { type Config, loadConfig } from './config.ts';

/**
 * The configuration of this process: the `.env` file of the working folder, then the variables
 * already set, which win. The server and the command line read it here, and only here; a bad
 * setting throws a ConfigError naming it.
 */
export function configFromEnvironment(variables: Readonly<Record<string, string | undefined>>): Config {
  const fromFile = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
  return loadConfig({ ...fromFile, ...variables });
}
