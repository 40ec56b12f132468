import type { Migration } from '../migrate.ts';
import { initial } from './0001-initial.ts';
import { outboxAndInstallations } from './0002-outbox-and-installations.ts';
import { conversations } from './0003-conversations.ts';
import { weeklyHour } from './0004-weekly-hour.ts';
import { inbox } from './0005-inbox.ts';
import { outboxLifecycle } from './0006-outbox-lifecycle.ts';
import { organisationAndRoles } from './0007-organisation-and-roles.ts';
import { groupRegistration } from './0008-group-registration.ts';
import { deferrableGroupKeys } from './0009-deferrable-group-keys.ts';
import { groupHealth } from './0010-group-health.ts';
import { sessions } from './0011-sessions.ts';
import { ownershipOffers } from './0012-ownership-offers.ts';
import { digests } from './0013-digests.ts';
import { requestDeadlines } from './0014-request-deadlines.ts';
import { contentSync } from './0015-content-sync.ts';
import { contentReview } from './0016-content-review.ts';
import { questionEscalation } from './0017-question-escalation.ts';
import { idleGroups } from './0018-idle-groups.ts';
import { timeOff } from './0019-time-off.ts';
import { privacy } from './0020-privacy.ts';
import { administratorCli } from './0021-administrator-cli.ts';
import { groupBackfills } from './0022-group-backfills.ts';

/** In version order. Append only. */
export const migrations: readonly Migration[] = [
  initial,
  outboxAndInstallations,
  conversations,
  weeklyHour,
  inbox,
  outboxLifecycle,
  organisationAndRoles,
  groupRegistration,
  deferrableGroupKeys,
  groupHealth,
  sessions,
  ownershipOffers,
  digests,
  requestDeadlines,
  contentSync,
  contentReview,
  questionEscalation,
  idleGroups,
  timeOff,
  privacy,
  administratorCli,
  groupBackfills,
];
