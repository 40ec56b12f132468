import { systemClock } from '@steward/core';
import { BOT_FRAMEWORK_TENANT, GRAPH_URL, TOKEN_URL } from './teams-platform.ts';
import { AppTokens, BOT_CONNECTOR_SCOPE, GRAPH_SCOPE } from './tokens.ts';

export interface TeamsCredentials {
  readonly appId: string;
  readonly appPassword: string;
  readonly tenantId?: string | undefined;
  readonly tokenUrl?: string | undefined;
  readonly graphUrl?: string | undefined;
}

/** Null when it worked; else what went wrong, as the service said it. */
export type CheckOutcome = string | null;

/** Whether the bot can get a Bot Connector token, as the outbox does before each send. */
export function checkBotConnectorToken(credentials: TeamsCredentials): Promise<CheckOutcome> {
  return outcomeOf(tokens(credentials).get(credentials.tenantId ?? BOT_FRAMEWORK_TENANT, BOT_CONNECTOR_SCOPE));
}

/**
 * Whether the bot can get a Graph token in a customer's tenant (its admin consented) and Graph
 * answers at all.
 */
export async function checkGraph(credentials: TeamsCredentials, tenantId: string): Promise<CheckOutcome> {
  const token = await outcomeOf(tokens(credentials).get(tenantId, GRAPH_SCOPE));
  if (token !== null) return token;
  try {
    // Any HTTP answer means Graph is reachable from here; the token's rights are another matter.
    await fetch(`${(credentials.graphUrl ?? GRAPH_URL).replace(/\/+$/, '')}/v1.0/`, {
      signal: AbortSignal.timeout(10_000),
    });
    return null;
  } catch (error) {
    return `Graph did not answer: ${(error as Error).message}`;
  }
}

function tokens(credentials: TeamsCredentials): AppTokens {
  return new AppTokens({
    appId: credentials.appId,
    appPassword: credentials.appPassword,
    tokenUrl: credentials.tokenUrl ?? TOKEN_URL,
    clock: systemClock,
  });
}

async function outcomeOf(pending: Promise<unknown>): Promise<CheckOutcome> {
  try {
    await pending;
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code && code !== (error as Error).message
      ? `${code}: ${(error as Error).message}`
      : (error as Error).message;
  }
}
