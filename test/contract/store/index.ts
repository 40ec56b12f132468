import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../../core/src/ports/store/index.ts';
import { contentItemsContract } from './content-items.ts';
import { contentReviewContract } from './content-review.ts';
import { contentSyncContract } from './content-sync.ts';
import { contributionsContract } from './contributions.ts';
import { conversationsContract } from './conversations.ts';
import { digestsContract } from './digests.ts';
import { groupBackfillsContract } from './group-backfills.ts';
import { groupRegistrationContract } from './group-registration.ts';
import { groupWeeksContract } from './group-weeks.ts';
import { groupsAndMembershipsContract } from './groups-and-memberships.ts';
import { healthSnapshotsContract } from './health-snapshots.ts';
import { idleGroupsContract } from './idle-groups.ts';
import { inboxContract } from './inbox.ts';
import { membershipRequestsContract } from './membership-requests.ts';
import { metricsContract } from './metrics.ts';
import { outboxAdministrationContract } from './outbox-administration.ts';
import { outboxAndInstallationsContract } from './outbox-and-installations.ts';
import { ownershipOffersContract } from './ownership-offers.ts';
import { privacyContract } from './privacy.ts';
import { questionEscalationsContract } from './question-escalations.ts';
import { requestDeadlinesContract } from './request-deadlines.ts';
import { roleGrantsContract } from './role-grants.ts';
import { sessionsContract } from './sessions.ts';
import { tenancyAndHealthContract } from './tenancy-and-health.ts';
import { tenantMergesContract } from './tenant-merges.ts';
import { tenantsAndPeopleContract } from './tenants-and-people.ts';
import { timeOffContract } from './time-off.ts';
import { weeklyHourBatchesContract } from './weekly-hour-batches.ts';
import { weeklyHoursAndAuditContract } from './weekly-hours-and-audit.ts';

export interface OpenedStore {
  readonly store: Store;
  /** Closes the store and removes what the test made (a data folder, a database). */
  readonly dispose: () => Promise<void>;
}

/**
 * The Store contract: every adapter runs exactly these tests. Each test makes its own tenants,
 * so tests share one opened store without seeing each other's rows.
 */
export function storeContract(name: string, open: () => Promise<OpenedStore>) {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore | undefined;
    const store = () => {
      if (!opened) throw new Error(`${name} store is not open`);
      return opened.store;
    };
    beforeAll(async () => {
      opened = await open();
    }, 60_000);
    afterAll(async () => {
      await opened?.dispose();
    });

    tenantsAndPeopleContract(store);
    groupsAndMembershipsContract(store);
    groupRegistrationContract(store);
    membershipRequestsContract(store);
    requestDeadlinesContract(store);
    ownershipOffersContract(store);
    contentItemsContract(store);
    contentSyncContract(store);
    groupBackfillsContract(store);
    contributionsContract(store);
    groupWeeksContract(store);
    metricsContract(store);
    healthSnapshotsContract(store);
    idleGroupsContract(store);
    weeklyHoursAndAuditContract(store);
    weeklyHourBatchesContract(store);
    outboxAndInstallationsContract(store);
    inboxContract(store);
    conversationsContract(store);
    roleGrantsContract(store);
    digestsContract(store);
    sessionsContract(store);
    tenantMergesContract(store);
    tenancyAndHealthContract(store);
    contentReviewContract(store);
    questionEscalationsContract(store);
    timeOffContract(store);
    privacyContract(store);
    outboxAdministrationContract(store);
  });
}
