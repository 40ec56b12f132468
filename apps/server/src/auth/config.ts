import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '@steward/core';
import { z } from 'zod';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where people reach the server: https, or plain http on this machine only (the demo). */
const publicUrl = z
  .url({ error: 'the URL people open Group Steward at, such as https://steward.example.com' })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  }, 'an https:// URL (plain http:// only for localhost), such as https://steward.example.com')
  .transform((value) => value.replace(/\/+$/, ''));
const hours = z.coerce.number({ error: 'a number of hours' }).positive('a number of hours above 0');
const days = z.coerce.number({ error: 'a number of days' }).positive('a number of days above 0');

/** The sign-in settings, spread into the configuration's schema. */
export const SIGN_IN_SETTINGS = {
  STEWARD_PUBLIC_URL: publicUrl.optional(),
  STEWARD_SESSION_IDLE_HOURS: hours.optional(),
  STEWARD_SESSION_MAX_DAYS: days.optional(),
  ENTRA_CLIENT_ID: z.uuid({ error: 'the application (client) id of an Entra app registration, a GUID' }).optional(),
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  ENTRA_TENANT_ID: z.uuid({ error: 'the Entra tenant id (Directory id), a GUID' }).optional(),
  ENTRA_AUTHORITY_URL: z.url({ error: 'a URL such as https://login.microsoftonline.com' }).optional(),
  SLACK_OPENID_URL: z.url({ error: 'a URL such as https://slack.com' }).optional(),
};

export const SIGN_IN_SECRETS = ['ENTRA_CLIENT_SECRET'] as const;

type Settings = { [K in keyof typeof SIGN_IN_SETTINGS]?: z.output<(typeof SIGN_IN_SETTINGS)[K]> } & {
  readonly TEAMS_APP_ID?: string | undefined;
  readonly TEAMS_APP_PASSWORD?: string | undefined;
  readonly TEAMS_TENANT_ID?: string | undefined;
  readonly SLACK_CLIENT_ID?: string | undefined;
  readonly SLACK_CLIENT_SECRET?: string | undefined;
};

/** An OpenID Connect provider: where its discovery document is, and this app's client there. */
export interface OidcProviderConfig {
  /** The issuer; discovery is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface SignInConfig {
  /** Without it no provider can be offered (their redirect URIs are built on it); the demo still can. */
  readonly publicUrl: string | null;
  readonly session: SessionPolicy;
  /** Microsoft Entra ID, for the Teams side of the company; null when not configured. */
  readonly entra: (OidcProviderConfig & { readonly tenantId: string }) | null;
  /** Sign in with Slack; null when not configured. */
  readonly slack: OidcProviderConfig | null;
}

/** Entra's settings fall back to the Teams bot's app registration, which is an Entra app too. */
function entraOf(settings: Settings) {
  return {
    clientId: settings.ENTRA_CLIENT_ID ?? settings.TEAMS_APP_ID,
    clientSecret: settings.ENTRA_CLIENT_SECRET ?? settings.TEAMS_APP_PASSWORD,
    tenantId: settings.ENTRA_TENANT_ID ?? settings.TEAMS_TENANT_ID,
  };
}

/** Settings asked for explicitly but not usable: one line naming what is missing, else null. */
export function signInProblem(settings: Settings): { path: string; message: string } | null {
  const explicitEntra = settings.ENTRA_CLIENT_ID ?? settings.ENTRA_CLIENT_SECRET ?? settings.ENTRA_TENANT_ID;
  if (explicitEntra === undefined) return null;
  const entra = entraOf(settings);
  if (!entra.clientId || !entra.clientSecret || !entra.tenantId) {
    return {
      path: 'ENTRA_CLIENT_ID',
      message:
        'set with ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID (or the Teams app’s TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID)',
    };
  }
  if (!settings.STEWARD_PUBLIC_URL)
    return {
      path: 'STEWARD_PUBLIC_URL',
      message: 'set for Entra sign-in: its redirect URI is <STEWARD_PUBLIC_URL>/auth/callback/entra',
    };
  return null;
}

export function signInConfig(settings: Settings): SignInConfig {
  const publicUrl = settings.STEWARD_PUBLIC_URL ?? null;
  const entra = entraOf(settings);
  const authority = (settings.ENTRA_AUTHORITY_URL ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const slackIssuer = (settings.SLACK_OPENID_URL ?? 'https://slack.com').replace(/\/+$/, '');
  return {
    publicUrl,
    session: {
      idleMs:
        settings.STEWARD_SESSION_IDLE_HOURS === undefined
          ? DEFAULT_SESSION_POLICY.idleMs
          : settings.STEWARD_SESSION_IDLE_HOURS * 3_600_000,
      absoluteMs:
        settings.STEWARD_SESSION_MAX_DAYS === undefined
          ? DEFAULT_SESSION_POLICY.absoluteMs
          : settings.STEWARD_SESSION_MAX_DAYS * 86_400_000,
    },
    // A single-tenant issuer: its id tokens name exactly this tenant, which openid-client checks.
    entra:
      publicUrl && entra.clientId && entra.clientSecret && entra.tenantId
        ? {
            issuer: `${authority}/${entra.tenantId.toLowerCase()}/v2.0`,
            clientId: entra.clientId,
            clientSecret: entra.clientSecret,
            tenantId: entra.tenantId.toLowerCase(),
          }
        : null,
    slack:
      publicUrl && settings.SLACK_CLIENT_ID && settings.SLACK_CLIENT_SECRET
        ? { issuer: slackIssuer, clientId: settings.SLACK_CLIENT_ID, clientSecret: settings.SLACK_CLIENT_SECRET }
        : null,
  };
}
