import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ROLES = ['all', 'web', 'worker'] as const;

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user:password@host:5432/steward');
const mongoUri = z
  .string()
  .regex(/^mongodb(\+srv)?:\/\//, 'a MongoDB URI such as mongodb://host:27017/steward');
const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'true or false' })
  .transform((value) => value === 'true' || value === '1');

/**
 * Every setting the server reads, with its default. The names are the environment variables;
 * the README's configuration table lists the same.
 */
const schema = z
  .object({
    PORT: z.coerce
      .number({ error: 'a port number from 0 to 65535' })
      .int('a port number from 0 to 65535')
      .min(0, 'a port number from 0 to 65535')
      .max(65535, 'a port number from 0 to 65535')
      .default(3000),
    HOST: z.string().min(1, 'a host name or address to listen on').default('0.0.0.0'),
    STEWARD_DATA_DIR: z.string().min(1, 'a folder for the embedded database').default('./data'),
    DATABASE_URL: postgresUrl.optional(),
    MONGODB_URI: mongoUri.optional(),
    STEWARD_ROLE: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }).default('all'),
    STEWARD_DEMO: flag.default(true),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  })
  .refine((env) => !(env.DATABASE_URL && env.MONGODB_URI), {
    path: ['MONGODB_URI'],
    message: 'unset while DATABASE_URL is set: choose one database',
  });

export type Database =
  | { readonly kind: 'embedded'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'mongodb'; readonly uri: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: Database;
  /** `web` serves HTTP only, `worker` runs jobs only, `all` does both. */
  readonly role: (typeof ROLES)[number];
  /** Seed the demo tenant when the embedded store is empty. */
  readonly demo: boolean;
  readonly logLevel: (typeof LOG_LEVELS)[number];
}

// Connection strings carry passwords: never echo them.
const SECRET = new Set(['DATABASE_URL', 'MONGODB_URI']);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration from `env`; a bad setting throws one line naming it and what is expected. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const got = present[name] === undefined || SECRET.has(name) ? '' : ` (got "${present[name]}")`;
    throw new ConfigError(`${name} must be ${issue?.message ?? 'valid'}${got}`);
  }
  const settings = parsed.data;
  const database: Database = settings.DATABASE_URL
    ? { kind: 'postgres', url: settings.DATABASE_URL }
    : settings.MONGODB_URI
      ? { kind: 'mongodb', uri: settings.MONGODB_URI }
      : { kind: 'embedded', dataDir: settings.STEWARD_DATA_DIR };
  return {
    port: settings.PORT,
    host: settings.HOST,
    database,
    role: settings.STEWARD_ROLE,
    demo: settings.STEWARD_DEMO,
    logLevel: settings.LOG_LEVEL,
  };
}
