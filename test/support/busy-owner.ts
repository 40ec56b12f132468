import { randomUUID } from 'node:crypto';
import type { Card } from '../../core/src/cards/card.ts';
import { type WeeklyHourGroup, weeklyHourCard } from '../../core/src/cards/weekly-hour-card.ts';
import type { Locale } from '../../core/src/domain/locale.ts';
import { newWeeklyHourRecord } from '../../core/src/domain/weekly-hour.ts';
import { aGroup } from './factories.ts';

// The weekly-hour card of an owner of busy groups, as the core builds it: per group 6 membership
// requests, 6 overdue questions and 6 items due for review (18 items that need the owner), plus new
// members, top contributors and members gone quiet. Ids are UUIDs, as in the store, so that values
// are as long as real ones.

const now = new Date('2026-03-09T08:00:00Z');
const NAMES = [
  'Ada Lovelace',
  'Boris Ivanov',
  'Chloé Martin',
  'Dmitri Sokolov',
  'Emma Jones',
  'Farid Haddad',
  'Grace Hopper',
  'Hana Sato',
];

function busyGroup(n: number, ownerId: string): WeeklyHourGroup {
  const group = aGroup('t', [ownerId, 'co-owner'], { name: `group-${n}`, purpose: 'Design crits' });
  const day = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const name = (i: number) => `${NAMES[i % NAMES.length]} ${n}${i}`;
  const listed = <T>(items: T[]) => ({ items, total: items.length });
  return {
    group,
    link: `https://steward.example/dashboard/groups/${group.id}`,
    requests: listed(
      Array.from({ length: 6 }, (_, i) => ({ id: randomUUID(), requesterName: name(i), requestedAt: day(i + 1) })),
    ),
    overdueQuestions: listed(
      Array.from({ length: 6 }, (_, i) => ({
        askerName: name(i + 2),
        askedAt: day(i + 2),
        link: `https://app.slack.com/client/T1/C${n}/thread/C${n}-17000000${i}.000100`,
      })),
    ),
    dueContent: listed(
      Array.from({ length: 6 }, (_, i) => ({
        id: randomUUID(),
        kind: 'pinned_message' as const,
        platform: 'slack' as const,
        grantedScopes: null,
        title: `Onboarding guide v${n}.${i}`,
        link: `https://app.slack.com/docs/T1/F${n}${i}`,
        lastChangedAt: day(200 + i),
      })),
    ),
    newMembers: listed(Array.from({ length: 5 }, (_, i) => ({ name: name(i + 3), joinedAt: day(i) }))),
    topContributors: Array.from({ length: 3 }, (_, i) => ({ name: name(i + 4), score: 30 - i * 5 })),
    inactiveMembers: listed(
      Array.from({ length: 5 }, (_, i) => ({ personId: randomUUID(), name: name(i + 5), lastDay: '2026-02-01' })),
    ),
  };
}

/** The card of an owner of `groups` busy groups, in `locale`, for a reader in London. */
export function busyOwnerCard(groups: number, locale: Locale = 'en'): Card {
  const ownerId = randomUUID();
  return weeklyHourCard({
    locale,
    timeZone: 'Europe/London',
    viewerId: ownerId,
    record: newWeeklyHourRecord('t', ownerId, '2026-W11', now),
    dueAt: new Date('2026-03-09T09:00:00Z'),
    ownerName: 'Olga',
    delegateName: null,
    groups: Array.from({ length: groups }, (_, n) => busyGroup(n + 1, ownerId)),
    coOwners: [
      { id: randomUUID(), name: 'Chen Wei' },
      { id: randomUUID(), name: 'Maria Garcia' },
    ],
    notice: null,
    audience: [{ platform: 'teams', workspaceId: 't', userId: randomUUID() }],
  });
}
