import type { AuditEntry } from '../domain/audit-entry.ts';
import type { Locale } from '../domain/locale.ts';
import type { Membership } from '../domain/membership.ts';
import type { DecisionInput, MembershipRequest } from '../domain/membership-request.ts';
import type { Person } from '../domain/person.ts';
import { DAY_MS, HOUR_MS } from '../domain/zoned-time.ts';
import type { DemoContext } from './context.ts';
import { audienceWeight, type DemoGroup, isOnPlatform } from './groups.ts';
import type { Random } from './random.ts';

/** A request as it was made, and the owner's decision on it if one was taken, each with its audit entry. */
export interface DemoRequest {
  readonly request: MembershipRequest;
  readonly created: AuditEntry;
  readonly decision: DecisionInput | null;
  readonly decided: AuditEntry | null;
}

export interface DemoRequests {
  readonly requests: readonly DemoRequest[];
  /** Approved requesters, added to their group shortly after the decision. */
  readonly joins: readonly Membership[];
}

const NOTES: Readonly<Record<Locale, readonly string[]>> = {
  en: [
    'I am joining this project next month.',
    'My manager asked me to follow this group.',
    'I would like to help with the next release.',
    'Moving to this team on Monday.',
    'Could I join? I work closely with you on the roadmap.',
  ],
  fr: [
    'Je rejoins le projet le mois prochain.',
    'Ma responsable m’a demandé de suivre ce groupe.',
    'J’aimerais participer à la prochaine version.',
    'Je change d’équipe lundi.',
  ],
  ru: [
    'Я присоединяюсь к проекту в следующем месяце.',
    'Руководитель попросил меня следить за этой группой.',
    'Хочу помочь со следующим релизом.',
    'С понедельника перехожу в эту команду.',
  ],
};

const APPROVALS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Welcome aboard!', 'Welcome, glad to have you here.', 'Approved: see the pinned onboarding guide.'],
  fr: ['Bienvenue !', 'Bienvenue, ravi de te compter parmi nous.', 'Accepté : le guide d’accueil est épinglé.'],
  ru: ['Добро пожаловать!', 'Рады видеть вас в группе.', 'Одобрено: инструкция для новичков закреплена.'],
};

const DENIALS: Readonly<Record<Locale, readonly string[]>> = {
  en: [
    'This group is limited to the finance team.',
    'Please ask your manager to request access for you.',
    'The project is closed to new members for now.',
  ],
  fr: [
    'Ce groupe est réservé à l’équipe finance.',
    'Merci de passer par ton responsable pour demander l’accès.',
    'Le projet n’accueille plus de nouveaux membres pour le moment.',
  ],
  ru: [
    'Группа только для сотрудников финансового отдела.',
    'Попросите руководителя запросить доступ для вас.',
    'Проект пока не принимает новых участников.',
  ],
};

/**
 * Requests to join the groups that need approval: several pending (old ones in ownerless groups,
 * where nobody can decide), and a few decided by an owner with a reason.
 */
export function generateRequests(
  random: Random,
  context: DemoContext,
  people: readonly Person[],
  groups: readonly DemoGroup[],
  memberships: readonly Membership[],
): DemoRequests {
  const now = context.now.getTime();
  const byId = new Map(people.map((p) => [p.id, p]));
  const requests: DemoRequest[] = [];
  const joins: Membership[] = [];

  for (const { group, profile, audience } of groups) {
    if (group.membershipPolicy !== 'approval') continue;
    const everMember = new Set(memberships.filter((m) => m.groupId === group.id).map((m) => m.personId));
    const pool = random.shuffle(
      people.filter(
        (p) => p.deactivatedAt === null && !everMember.has(p.id) && isOnPlatform(p, group.platformRef.platform),
      ),
    );
    // Requesters mostly come from the group's audience.
    pool.sort((a, b) => audienceWeight(b, audience) - audienceWeight(a, audience));
    const owners = group.ownerIds.map((id) => byId.get(id) as Person).filter((p) => p.deactivatedAt === null);
    const createdAt = group.createdAt.getTime();
    const since = Math.max(createdAt, context.historyStart.getTime());

    const request = (requester: Person, requestedAt: number): MembershipRequest => ({
      id: random.uuid(),
      tenantId: context.tenantId,
      groupId: group.id,
      requesterId: requester.id,
      requestedAt: new Date(requestedAt),
      note: random.chance(0.75) ? random.pick(NOTES[requester.locale]) : null,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      reason: null,
      deadlineStep: null,
      deadlineAt: new Date(requestedAt + group.requestDeadlineHours * HOUR_MS),
    });

    const pendingCount =
      profile === 'ownerless' ? random.int(2, 4) : profile === 'dying' ? random.int(1, 2) : random.int(1, 4);
    for (let i = 0; i < pendingCount; i++) {
      const requester = pool.shift();
      if (!requester) break;
      // Nobody answers in an ownerless group, so its requests grow old.
      const ageDays = profile === 'ownerless' ? random.between(3, 25) : random.between(0.1, 9);
      const made = request(requester, Math.max(now - ageDays * DAY_MS, createdAt + HOUR_MS));
      requests.push({ request: made, created: created(random, made), decision: null, decided: null });
    }

    if (owners.length === 0) continue;
    for (let i = random.int(1, 3); i > 0; i--) {
      const requester = pool.shift();
      if (!requester) break;
      const requestedAt = since + random.between(0.1, 0.75) * (now - since);
      const decidedAt = Math.min(requestedAt + random.between(1, 72) * HOUR_MS, now - HOUR_MS);
      const decider = random.pick(owners);
      const approved = random.chance(0.65);
      const made = request(requester, requestedAt);
      const decision: DecisionInput = {
        status: approved ? 'approved' : 'denied',
        decidedBy: decider.id,
        decidedAt: new Date(decidedAt),
        reason: random.pick((approved ? APPROVALS : DENIALS)[decider.locale]),
      };
      const decided: AuditEntry = {
        id: random.uuid(),
        tenantId: context.tenantId,
        at: decision.decidedAt,
        actorId: decider.id,
        action: `membership_request.${decision.status}`,
        subjectKind: 'membership_request',
        subjectId: made.id,
        details: { groupId: group.id, reason: decision.reason },
      };
      requests.push({ request: made, created: created(random, made), decision, decided });
      if (approved) {
        // The platform invite follows the approval within minutes.
        const joinedAt = Math.min(decidedAt + random.between(1, 10) * 60_000, now - 60_000);
        joins.push({
          tenantId: context.tenantId,
          groupId: group.id,
          personId: requester.id,
          joinedAt: new Date(joinedAt),
          leftAt: null,
        });
      }
    }
  }
  return { requests, joins };
}

function created(random: Random, request: MembershipRequest): AuditEntry {
  return {
    id: random.uuid(),
    tenantId: request.tenantId,
    at: request.requestedAt,
    actorId: request.requesterId,
    action: 'membership_request.created',
    subjectKind: 'membership_request',
    subjectId: request.id,
    details: { groupId: request.groupId },
  };
}
