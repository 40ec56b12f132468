import { PostgresStore } from '@steward/core/stores/postgres';
import { checkSlackToken } from '@steward/slack';
import { checkBotConnectorToken, checkGraph, type TeamsCredentials } from '@steward/teams';
import { EXIT, type RegisterCommand } from '../command.ts';
import type { CliContext } from '../context.ts';

/** One line of the report; a failed check says how to fix it. */
interface Check {
  readonly ok: boolean;
  readonly name: string;
  readonly detail: string;
  readonly fix?: string;
}

interface DoctorOptions {
  readonly json?: boolean;
}

export const registerDoctor: RegisterCommand = (program, run) => {
  program
    .command('doctor')
    .description(
      'check the configuration, the database and its migrations, the Slack tokens and their scopes, the Teams credentials, Graph and the public URL; exit 1 when a check fails',
    )
    .option('--json', 'print JSON')
    .action(run<DoctorOptions>(doctor));
};

async function doctor(context: CliContext, options: DoctorOptions) {
  const checks = [
    configurationCheck(context),
    ...(await databaseChecks(context)),
    ...(await slackChecks(context)),
    ...(await teamsChecks(context)),
    await publicUrlCheck(context),
  ];
  if (options.json) context.print(JSON.stringify(checks, null, 2));
  else {
    for (const check of checks) {
      context.print(`${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`);
      if (check.fix) context.print(`    fix: ${check.fix}`);
    }
    const failed = checks.filter((check) => !check.ok).length;
    context.print(failed === 0 ? 'All checks passed.' : `${failed} of ${checks.length} checks failed.`);
  }
  return checks.every((check) => check.ok) ? EXIT.ok : EXIT.problems;
}

/** The configuration was read (a bad one never gets here: exit 2 with the setting named). */
function configurationCheck({ config }: CliContext): Check {
  const database =
    config.database.kind === 'embedded' ? `embedded in ${config.database.dataDir}` : config.database.kind;
  const platforms = [
    config.slack ? `Slack (${config.slack.auth.kind === 'token' ? 'one workspace' : 'installs through OAuth'})` : null,
    config.teams ? 'Teams' : null,
  ].filter((p) => p !== null);
  return {
    ok: platforms.length > 0,
    name: 'configuration',
    detail: `database ${database}; ${platforms.length > 0 ? platforms.join(', ') : 'no chat platform'}`,
    ...(platforms.length === 0
      ? {
          fix: 'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or TEAMS_APP_ID and TEAMS_APP_PASSWORD (README, Configuration)',
        }
      : {}),
  };
}

async function databaseChecks({ store }: CliContext): Promise<Check[]> {
  const health = await store.health();
  const reachable: Check = health.ok
    ? { ok: true, name: 'database', detail: `${health.kind} answers` }
    : {
        ok: false,
        name: 'database',
        detail: `${health.kind} does not answer: ${health.detail ?? 'no detail'}`,
        fix: 'check DATABASE_URL (host, port, user, password) and that the server runs',
      };
  if (!health.ok || !(store instanceof PostgresStore)) return [reachable];
  const { applied, known } = await store.migrationState();
  const pending = known.filter((v) => !applied.includes(v));
  const unknown = applied.filter((v) => !known.includes(v));
  const migrations: Check =
    pending.length === 0 && unknown.length === 0
      ? { ok: true, name: 'migrations', detail: `${applied.length} applied, none pending, none unknown` }
      : {
          ok: false,
          name: 'migrations',
          detail: `${pending.length} pending (${pending.join(', ') || '—'}), ${unknown.length} unknown to this version (${unknown.join(', ') || '—'})`,
          fix:
            unknown.length > 0
              ? 'a newer release has run on this database: run that release (or newer), never an older one'
              : 'start the server once: it applies pending migrations at start',
        };
  return [reachable, migrations];
}

/** Each Slack token: the configured one, or every live OAuth install's. */
async function slackChecks({ config, store }: CliContext): Promise<Check[]> {
  if (!config.slack) return [];
  const { auth, apiUrl } = config.slack;
  const tokens =
    auth.kind === 'token'
      ? [{ label: 'SLACK_BOT_TOKEN', token: auth.botToken }]
      : (await store.installations.listByPlatform('slack'))
          .filter(
            (installation) => installation.revokedAt === null && typeof installation.secrets['botToken'] === 'string',
          )
          .map((installation) => ({
            label: `install ${installation.workspaceId}`,
            token: String(installation.secrets['botToken']),
          }));
  if (tokens.length === 0)
    return [
      {
        ok: true,
        name: 'slack',
        detail: 'no workspace has installed the app yet (its install page is /slack/install)',
      },
    ];
  return Promise.all(
    tokens.map(async ({ label, token }): Promise<Check> => {
      const checked = await checkSlackToken(token, apiUrl);
      const name = `slack ${checked.teamId ?? label}`;
      if (checked.error) {
        const fix = ['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive'].includes(checked.error)
          ? `${auth.kind === 'token' ? 'copy the Bot User OAuth Token again (OAuth & Permissions in the app config) into SLACK_BOT_TOKEN' : 'reinstall the app in this workspace'}`
          : 'check that this machine reaches slack.com (proxy, firewall) and try again';
        return { ok: false, name, detail: `Slack refused the token (${checked.error})`, fix };
      }
      if (checked.missingScopes.length > 0) {
        const scopes = checked.missingScopes.join(', ');
        return {
          ok: false,
          name,
          detail: `the token lacks ${checked.missingScopes.length} scopes of the manifest: ${scopes}`,
          fix: `add the scope${checked.missingScopes.length > 1 ? 's' : ''} ${scopes} in the app config (OAuth & Permissions, or manifests/slack/manifest.yaml) and reinstall the app`,
        };
      }
      return { ok: true, name, detail: 'token valid, every scope of the manifest granted' };
    }),
  );
}

async function teamsChecks({ config, store }: CliContext): Promise<Check[]> {
  if (!config.teams) return [];
  const credentials: TeamsCredentials = config.teams;
  const botToken = await checkBotConnectorToken(credentials);
  const bot: Check =
    botToken === null
      ? { ok: true, name: 'teams', detail: 'a Bot Framework token was obtained' }
      : {
          ok: false,
          name: 'teams',
          detail: `no Bot Framework token: ${botToken}`,
          fix: 'check TEAMS_APP_ID and TEAMS_APP_PASSWORD (a new client secret under Certificates & secrets of the Entra app), and TEAMS_TENANT_ID for a single-tenant bot',
        };
  const tenants = [
    ...new Set(
      (await store.installations.listByPlatform('teams')).filter((i) => i.revokedAt === null).map((i) => i.workspaceId),
    ),
  ];
  const graph = await Promise.all(
    tenants.map(async (tenantId): Promise<Check> => {
      const problem = await checkGraph(credentials, tenantId);
      return problem === null
        ? { ok: true, name: `graph ${tenantId}`, detail: 'a Graph token was obtained and Graph answers' }
        : {
            ok: false,
            name: `graph ${tenantId}`,
            detail: problem,
            fix: 'an administrator of that tenant grants the app’s Graph permissions (admin consent), and this machine reaches graph.microsoft.com',
          };
    }),
  );
  return [bot, ...graph];
}

/** Slack and Teams call the service at its public URL, over HTTPS. */
async function publicUrlCheck({ config }: CliContext): Promise<Check> {
  const url = new URL(config.publicUrl);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    return {
      ok: false,
      name: 'public URL',
      detail: `${config.publicUrl} is not HTTPS`,
      fix: 'serve it behind HTTPS and set STEWARD_PUBLIC_URL to the https:// address: Slack and Teams call nothing else',
    };
  }
  try {
    const answer = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(10_000) });
    return answer.ok
      ? { ok: true, name: 'public URL', detail: `${config.publicUrl}/healthz answers ${answer.status}` }
      : {
          ok: false,
          name: 'public URL',
          detail: `${config.publicUrl}/healthz answers ${answer.status}`,
          fix: 'check that the proxy in front forwards to Group Steward, and its logs',
        };
  } catch (error) {
    return {
      ok: false,
      name: 'public URL',
      detail: `${config.publicUrl} does not answer (${(error as Error).message})`,
      fix: 'start Group Steward, or set STEWARD_PUBLIC_URL to the address people and the platforms reach it at',
    };
  }
}
