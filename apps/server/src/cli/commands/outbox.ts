import { type InboxItem, newId, type OutboxMessage, type OutboxRef } from '@steward/core';
import { InvalidArgumentError, Option } from 'commander';
import { EXIT, type RegisterCommand, UsageError } from '../command.ts';
import type { CliContext } from '../context.ts';
import { table, when } from '../table.ts';
import { tenantsOf } from '../tenants.ts';

const LISTED_STATUSES = ['failed', 'pending', 'cancelled'] as const;
const DEFAULT_LIMIT = 50;

interface ListOptions {
  readonly status?: (typeof LISTED_STATUSES)[number];
  readonly tenant?: string;
  readonly limit: number;
  readonly json?: boolean;
}

interface RetryOptions {
  readonly allFailed?: boolean;
  readonly tenant?: string;
}

interface CancelOptions {
  readonly reason: string;
}

export const registerOutbox: RegisterCommand = (program, run) => {
  const outbox = program
    .command('outbox')
    .description(
      'what is stuck: messages to the platforms that failed or wait, and events parked in the inbox; retry or cancel them',
    );
  outbox
    .command('list')
    .description('without --status: the failed messages and the parked inbox events (what is stuck)')
    .addOption(new Option('--status <status>', 'only the messages in this status').choices(LISTED_STATUSES))
    .option('--tenant <id>', 'only this tenant’s messages')
    .option('--limit <n>', `at most this many of each (default ${DEFAULT_LIMIT})`, positiveInteger, DEFAULT_LIMIT)
    .option('--json', 'print JSON')
    .action(run<ListOptions>(list));
  outbox
    .command('retry')
    .description('give failed messages another try (audited)')
    .argument('[ids...]', 'the messages’ ids, as `outbox list` shows them')
    .option('--all-failed', 'every failed message (of --tenant if given)')
    .option('--tenant <id>', 'with --all-failed: only this tenant’s')
    .action(run<RetryOptions>(retry));
  outbox
    .command('cancel')
    .description('never send these pending or failed messages (audited)')
    .argument('<ids...>', 'the messages’ ids')
    .option('--reason <text>', 'kept with each message', 'cancelled by an administrator')
    .action(run<CancelOptions>(cancel));
};

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('a whole number from 1 to 10000');
  return n;
}

async function list(context: CliContext, options: ListOptions) {
  const { store } = context;
  const tenantId = options.tenant === undefined ? undefined : (await tenantsOf(store, options.tenant))[0]?.id;
  const statuses = options.status ? [options.status] : (['failed'] as const);
  const messages = (
    await Promise.all(
      statuses.map((status) =>
        store.outbox.listByStatus({ status, limit: options.limit, ...(tenantId ? { tenantId } : {}) }),
      ),
    )
  ).flat();
  // Parked events belong to no tenant until handled: shown in the "what is stuck" view only.
  const parked = options.status ? [] : await store.inbox.listParked(options.limit);
  if (options.json) {
    context.print(
      JSON.stringify(
        { messages: messages.map(messageSummary), ...(options.status ? {} : { parked: parked.map(parkedSummary) }) },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  context.print(
    `Messages ${statuses.join(', ')}: ${messages.length}${messages.length === options.limit ? ` (the newest ${options.limit}; --limit shows more)` : ''}`,
  );
  const rows = messages.map((m) => [
    m.id,
    m.tenantId,
    m.platform,
    m.operation,
    m.status,
    `${m.attempts} tries`,
    when(m.doneAt ?? m.createdAt),
    m.lastError ?? '',
  ]);
  for (const line of table(rows, '  ')) context.print(line);
  if (!options.status) {
    context.print(`Parked inbox events: ${parked.length}`);
    const parkedRows = parked.map((item) => [
      `${item.platform}:${item.workspaceId}:${item.eventId}`,
      item.kind,
      when(item.receivedAt),
      item.lastError ?? '',
    ]);
    for (const line of table(parkedRows, '  ')) context.print(line);
  }
  return EXIT.ok;
}

/** What an administrator needs of a message; never its payload (the text sent to a person). */
function messageSummary(m: OutboxMessage) {
  return {
    id: m.id,
    tenantId: m.tenantId,
    platform: m.platform,
    operation: m.operation,
    status: m.status,
    attempts: m.attempts,
    createdAt: m.createdAt,
    doneAt: m.doneAt,
    lastError: m.lastError,
  };
}

function parkedSummary(item: InboxItem) {
  return {
    platform: item.platform,
    workspaceId: item.workspaceId,
    eventId: item.eventId,
    kind: item.kind,
    receivedAt: item.receivedAt,
    attempts: item.attempts,
    reason: item.lastError,
  };
}

async function retry(context: CliContext, options: RetryOptions, ids: readonly string[]) {
  if (options.allFailed === ids.length > 0)
    throw new UsageError('name the messages to retry, or give --all-failed (not both)');
  if (options.tenant && !options.allFailed) throw new UsageError('--tenant goes with --all-failed');
  if (options.tenant) await tenantsOf(context.store, options.tenant);
  const at = context.clock.now();
  const selection = options.allFailed
    ? { allFailed: true as const, ...(options.tenant ? { tenantId: options.tenant } : {}) }
    : { ids };
  const retried = await context.store.outbox.retryFailed(selection, at);
  await audit(context, 'outbox.retried', retried, at, {});
  context.print(`${retried.length} messages will be tried again.`);
  return reportUnchanged(context, ids, retried, 'not failed (left as they are)');
}

async function cancel(context: CliContext, options: CancelOptions, ids: readonly string[]) {
  const at = context.clock.now();
  const cancelled = await context.store.outbox.cancel(ids, at, options.reason);
  await audit(context, 'outbox.cancelled', cancelled, at, { reason: options.reason });
  context.print(`${cancelled.length} messages cancelled.`);
  return reportUnchanged(context, ids, cancelled, 'not pending or failed, or unknown (left as they are)');
}

/** Ids named but not changed are a problem to look at: exit 1. */
function reportUnchanged(context: CliContext, named: readonly string[], changed: readonly OutboxRef[], why: string) {
  const done = new Set(changed.map((m) => m.id));
  const unchanged = named.filter((id) => !done.has(id));
  if (unchanged.length === 0) return EXIT.ok;
  context.print(`${unchanged.length} ${why}: ${unchanged.join(', ')}`);
  return EXIT.problems;
}

/** Ids kept in an audit entry's details; the count says how many more. */
const AUDITED_IDS = 100;

/** One audit entry per tenant touched, naming the messages: the command line acts for no person it knows. */
async function audit(
  context: CliContext,
  action: string,
  messages: readonly OutboxRef[],
  at: Date,
  details: Record<string, string>,
) {
  for (const [tenantId, ofTenant] of Map.groupBy(messages, (m) => m.tenantId)) {
    const ids = ofTenant
      .slice(0, AUDITED_IDS)
      .map((m) => m.id)
      .join(',');
    await context.store.audit.append({
      id: newId(),
      tenantId,
      at,
      actorId: null,
      action,
      subjectKind: 'outbox',
      subjectId: tenantId,
      details: { by: 'command line', count: ofTenant.length, ids, ...details },
    });
  }
}
