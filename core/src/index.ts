// The core's public surface. Store and scheduler adapters are separate entry points
// (@steward/core/stores/postgres, /stores/mongo, /scheduler) so that importing the core
// never loads a database driver.

export * from './errors.ts';

export * from './domain/audit-entry.ts';
export * from './domain/backoff.ts';
export * from './domain/content-item.ts';
export * from './domain/contribution.ts';
export * from './domain/group.ts';
export * from './domain/ids.ts';
export * from './domain/iso-week.ts';
export * from './domain/locale.ts';
export * from './domain/membership-request.ts';
export * from './domain/membership.ts';
export * from './domain/person.ts';
export * from './domain/organisation.ts';
export * from './domain/platform.ts';
export * from './domain/rollups.ts';
export * from './domain/take-over.ts';
export * from './domain/tenant.ts';
export * from './domain/weekly-hour-slot.ts';
export * from './domain/weekly-hour.ts';
export * from './domain/weekly-hour-schedule.ts';
export * from './domain/zoned-time.ts';

export * from './ports/store/index.ts';
export * from './ports/chat-platform.ts';
export * from './cards/card.ts';
export * from './cards/groups-card.ts';
export * from './cards/help-card.ts';
export * from './cards/markup.ts';
export * from './cards/action-value.ts';
export * from './cards/links.ts';
export * from './cards/weekly-hour-card.ts';
export * from './cards/membership-request-card.ts';
export * from './cards/take-over-card.ts';
export * from './commands/parse-command.ts';
export * from './domain/question.ts';
export * from './ingest/inbox-events.ts';
export * from './ingest/inbox-writer.ts';
export * from './ingest/outcome.ts';
export * from './ingest/lookup-cache.ts';
export * from './ports/clock.ts';
export type * from './ports/logger.ts';
export type * from './ports/scheduler.ts';

export * from './messages/translate.ts';
export * from './messages/format.ts';
export type { Catalogue, MessageKey } from './messages/en.ts';

export type * from './use-cases/deps.ts';
export * from './use-cases/ask-to-join.ts';
export * from './use-cases/card-actions.ts';
export * from './use-cases/decide-membership-request.ts';
export * from './use-cases/identify.ts';
export * from './use-cases/installations.ts';
export * from './use-cases/my-groups.ts';
export * from './use-cases/organisation.ts';
export * from './use-cases/record-content-change.ts';
export * from './use-cases/record-platform-activity.ts';
export * from './use-cases/process-inbox.ts';
export * from './use-cases/settings.ts';
export * from './use-cases/view-membership-request.ts';
export * from './use-cases/deliver-outbox.ts';
export * from './use-cases/request-membership.ts';
export * from './use-cases/roles.ts';
export * from './use-cases/groups/change-group.ts';
export type * from './use-cases/groups/directory.ts';
export * from './use-cases/groups/owners.ts';
export * from './use-cases/groups/register-group.ts';
export * from './use-cases/groups/sync-groups.ts';
export * from './use-cases/groups/sync-members.ts';
export * from './use-cases/groups/take-over.ts';
export * from './use-cases/weekly-hour/act.ts';
export * from './use-cases/weekly-hour/compose-cards.ts';
export * from './use-cases/weekly-hour/escalate.ts';
export * from './use-cases/weekly-hour/group-actions.ts';
export * from './use-cases/weekly-hour/recipient.ts';
export * from './use-cases/weekly-hour/reschedule.ts';
export * from './use-cases/weekly-hour/send-due-cards.ts';
export * from './use-cases/weekly-hour/view.ts';
