import { normaliseEmail, type OrganisationSettings, type WorkspaceRef } from '@steward/core';
import { z } from 'zod';
import { SIGN_IN_SECRETS, SIGN_IN_SETTINGS, type SignInConfig, signInConfig, signInProblem } from './auth/config.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ROLES = ['all', 'web', 'worker'] as const;

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user:password@host:5432/steward');
const mongoUri = z.string().regex(/^mongodb(\+srv)?:\/\//, 'a MongoDB URI such as mongodb://host:27017/steward');
/** A comma-separated list of entries each `parse` accepts (null: refused), each kept once. */
function commaList<T>(parse: (entry: string) => T | null, expected: string) {
  return z.string().transform((value, context) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const parsed = entries.map(parse);
    if (parsed.length === 0 || parsed.some((entry) => entry === null)) {
      context.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
    return [...new Map(parsed.map((entry) => [JSON.stringify(entry), entry as T])).values()];
  });
}

// Slack ids are upper-case letters and digits: T… a workspace, E… an Enterprise organisation.
const SLACK_WORKSPACE = /^[TE][A-Z0-9]{2,}$/;

function workspaceRef(entry: string): WorkspaceRef | null {
  const [platform, id = ''] = entry.split(/:(.*)/s);
  if (platform === 'slack' && SLACK_WORKSPACE.test(id)) return { platform, workspaceId: id };
  // Teams names its tenant in lower case in every activity.
  if (platform === 'teams' && z.uuid().safeParse(id).success) return { platform, workspaceId: id.toLowerCase() };
  return null;
}

const workspaces = commaList(
  workspaceRef,
  'comma-separated slack:<team or enterprise id> and teams:<Entra tenant GUID> entries, such as slack:T0123ABCD,teams:72f988bf-86f1-41af-91ab-2d7cd011db47',
);
const emails = commaList(
  (entry) => (z.email().safeParse(entry).success ? normaliseEmail(entry) : null),
  'comma-separated e-mail addresses, such as ana@example.com,ben@example.com',
);
/** An AES-256 key for the tokens at rest, as `id:base64`: `openssl rand -base64 32` makes one. */
function secretKey(entry: string): SecretKey | null {
  const [id = '', encoded = ''] = entry.split(/:(.*)/s);
  const key = Buffer.from(encoded, 'base64');
  return /^[A-Za-z0-9_-]{1,32}$/.test(id) && key.length === 32 && key.toString('base64') === encoded
    ? { id, key }
    : null;
}

const secretKeys = commaList(
  secretKey,
  'comma-separated id:key entries, each key 32 random bytes in base64 (openssl rand -base64 32), the key to seal with first, such as k2:…,k1:…',
);

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
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional(),
    SLACK_CLIENT_ID: z.string().min(1).optional(),
    SLACK_CLIENT_SECRET: z.string().min(1).optional(),
    SLACK_STATE_SECRET: z.string().min(1).optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional(),
    SLACK_API_URL: z.url({ error: 'a URL such as https://slack.com/api/' }).optional(),
    TEAMS_APP_ID: z.uuid({ error: 'the bot’s Entra application (client) id, a GUID' }).optional(),
    TEAMS_APP_PASSWORD: z.string().min(1).optional(),
    TEAMS_TENANT_ID: z.uuid({ error: 'the Entra tenant id of a single-tenant bot, a GUID' }).optional(),
    TEAMS_OPENID_METADATA_URL: z.url({ error: 'a URL of Bot Framework OpenID metadata' }).optional(),
    TEAMS_TOKEN_URL: z.url({ error: 'a URL such as https://login.microsoftonline.com' }).optional(),
    TEAMS_GRAPH_URL: z.url({ error: 'a URL such as https://graph.microsoft.com' }).optional(),
    STEWARD_WORKSPACES: workspaces.optional(),
    STEWARD_ORGANISATION_NAME: z.string().trim().min(1, 'a name for the organisation').optional(),
    STEWARD_COMMUNITY_MANAGERS: emails.optional(),
    STEWARD_ADMINISTRATORS: emails.optional(),
    STEWARD_SECRET_KEYS: secretKeys.optional(),
    ...SIGN_IN_SETTINGS,
  })
  .refine((env) => !(env.DATABASE_URL && env.MONGODB_URI), {
    path: ['MONGODB_URI'],
    message: 'unset while DATABASE_URL is set: choose one database',
  })
  .refine((env) => !(env.DATABASE_URL || env.MONGODB_URI) || env.STEWARD_SECRET_KEYS, {
    path: ['STEWARD_SECRET_KEYS'],
    message:
      'set with DATABASE_URL or MONGODB_URI: the key that seals the platforms’ tokens in the database, as k1:<key> where the key is 32 random bytes in base64 (openssl rand -base64 32)',
  })
  .refine((env) => !env.STEWARD_ORGANISATION_NAME || env.STEWARD_WORKSPACES, {
    path: ['STEWARD_ORGANISATION_NAME'],
    message: 'set with STEWARD_WORKSPACES: it names the organisation those workspaces form',
  })
  .refine((env) => !slackWanted(env) || env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN, {
    path: ['SLACK_SIGNING_SECRET'],
    message: 'set to the app’s signing secret (Basic Information in the Slack app settings) for Slack over HTTP',
  })
  .refine((env) => !teamsWanted(env) || (env.TEAMS_APP_ID && env.TEAMS_APP_PASSWORD), {
    path: ['TEAMS_APP_PASSWORD'],
    message: 'set with TEAMS_APP_ID: the bot’s client secret (Certificates & secrets of its Entra app)',
  })
  .refine(
    (env) =>
      !slackWanted(env) ||
      env.SLACK_BOT_TOKEN ||
      (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET),
    {
      path: ['SLACK_BOT_TOKEN'],
      message:
        'set (one workspace), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET all set (installs through OAuth)',
    },
  )
  .superRefine((env, context) => {
    const problem = signInProblem(env);
    if (problem) context.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });

/** Teams is enabled by its app id being present, and then needs its secret. */
function teamsWanted(env: Record<string, unknown>): boolean {
  return env['TEAMS_APP_ID'] !== undefined || env['TEAMS_APP_PASSWORD'] !== undefined;
}

/** Slack is enabled by its settings being present. */
function slackWanted(env: Record<string, unknown>): boolean {
  return Object.keys(env).some(
    (name) =>
      name.startsWith('SLACK_') && name !== 'SLACK_API_URL' && name !== 'SLACK_OPENID_URL' && env[name] !== undefined,
  );
}

export interface SlackConfig {
  readonly signingSecret: string;
  readonly auth:
    | { readonly kind: 'token'; readonly botToken: string }
    | {
        readonly kind: 'oauth';
        readonly clientId: string;
        readonly clientSecret: string;
        readonly stateSecret: string;
      };
  readonly appToken: string | undefined;
  readonly apiUrl: string | undefined;
}

export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * Where the data lives, and the keys that seal the platforms' tokens there: always given for a
 * server database; on the embedded one, null makes the data folder keep a key of its own.
 */
export type Database =
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly secretKeys: readonly SecretKey[] | null }
  | { readonly kind: 'postgres'; readonly url: string; readonly secretKeys: readonly SecretKey[] }
  | { readonly kind: 'mongodb'; readonly uri: string; readonly secretKeys: readonly SecretKey[] };

export interface TeamsConfig {
  readonly appId: string;
  readonly appPassword: string;
  readonly tenantId: string | undefined;
  readonly openIdMetadataUrl: string | undefined;
  readonly tokenUrl: string | undefined;
  readonly graphUrl: string | undefined;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: Database;
  /** `web` serves HTTP only, `worker` runs jobs only, `all` does both. */
  readonly role: (typeof ROLES)[number];
  /** Seed the demo tenant when the embedded store is empty. */
  readonly demo: boolean;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Null when no Slack setting is present. */
  readonly slack: SlackConfig | null;
  /** Null when no Teams setting is present. */
  readonly teams: TeamsConfig | null;
  /** The workspaces that form the company's one organisation, and who holds which role. */
  readonly organisation: OrganisationSettings;
  /** The dashboard's sign-in: providers, public URL, session lengths. */
  readonly signIn: SignInConfig;
  /** Where people reach the service (links to the dashboard in chat); this machine's port when unset. */
  readonly publicUrl: string;
}

// Connection strings carry passwords, and tokens are secrets: never echo them.
const SECRET = new Set([
  'DATABASE_URL',
  'MONGODB_URI',
  'STEWARD_SECRET_KEYS',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_APP_TOKEN',
  'TEAMS_APP_PASSWORD',
  ...SIGN_IN_SECRETS,
]);

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
  const keys = settings.STEWARD_SECRET_KEYS ?? null;
  // The schema refused a server database without keys.
  const database: Database = settings.DATABASE_URL
    ? { kind: 'postgres', url: settings.DATABASE_URL, secretKeys: keys ?? [] }
    : settings.MONGODB_URI
      ? { kind: 'mongodb', uri: settings.MONGODB_URI, secretKeys: keys ?? [] }
      : { kind: 'embedded', dataDir: settings.STEWARD_DATA_DIR, secretKeys: keys };
  return {
    port: settings.PORT,
    host: settings.HOST,
    database,
    role: settings.STEWARD_ROLE,
    demo: settings.STEWARD_DEMO,
    logLevel: settings.LOG_LEVEL,
    slack: slackWanted(settings)
      ? {
          signingSecret: settings.SLACK_SIGNING_SECRET ?? '',
          auth: settings.SLACK_BOT_TOKEN
            ? { kind: 'token', botToken: settings.SLACK_BOT_TOKEN }
            : {
                kind: 'oauth',
                clientId: settings.SLACK_CLIENT_ID ?? '',
                clientSecret: settings.SLACK_CLIENT_SECRET ?? '',
                stateSecret: settings.SLACK_STATE_SECRET ?? '',
              },
          appToken: settings.SLACK_APP_TOKEN,
          apiUrl: settings.SLACK_API_URL,
        }
      : null,
    teams: teamsWanted(settings)
      ? {
          appId: settings.TEAMS_APP_ID ?? '',
          appPassword: settings.TEAMS_APP_PASSWORD ?? '',
          tenantId: settings.TEAMS_TENANT_ID,
          openIdMetadataUrl: settings.TEAMS_OPENID_METADATA_URL,
          tokenUrl: settings.TEAMS_TOKEN_URL,
          graphUrl: settings.TEAMS_GRAPH_URL,
        }
      : null,
    organisation: {
      workspaces: settings.STEWARD_WORKSPACES ?? [],
      name: settings.STEWARD_ORGANISATION_NAME ?? null,
      roles: {
        community_manager: settings.STEWARD_COMMUNITY_MANAGERS ?? [],
        administrator: settings.STEWARD_ADMINISTRATORS ?? [],
      },
    },
    signIn: signInConfig(settings),
    publicUrl: settings.STEWARD_PUBLIC_URL ?? `http://localhost:${settings.PORT}`,
  };
}
