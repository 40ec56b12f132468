import {
  DEFAULT_RESPONSE_TARGET_HOURS,
  DEFAULT_REVIEW_INTERVAL_DAYS,
  type Group,
  type MembershipPolicy,
} from '../domain/group.ts';
import type { Locale } from '../domain/locale.ts';
import type { Person } from '../domain/person.ts';
import type { Platform } from '../domain/platform.ts';
import { DEFAULT_REQUEST_DEADLINE_HOURS } from '../domain/request-deadlines.ts';
import { DAY_MS, localDateOf } from '../domain/zoned-time.ts';
import type { DemoContext } from './context.ts';
import type { Random } from './random.ts';
import { workingMoment } from './time.ts';

/**
 * The life a demo group is having, which shapes its members, activity and content:
 * - lively: many posts, replies and reactions every working day;
 * - steady: an ordinary working group;
 * - quiet: small and healthy (few posts, questions still answered);
 * - dying: activity decays to nothing well before today, members drift away;
 * - new: created in the last two weeks, members join in a burst;
 * - ownerless: every owner has left the company.
 */
export const GROUP_PROFILES = ['lively', 'steady', 'quiet', 'dying', 'new', 'ownerless'] as const;
export type GroupProfile = (typeof GROUP_PROFILES)[number];

/** Who a group mostly draws its members from (an office, a language community). */
export interface Audience {
  readonly zones?: readonly string[];
  readonly locales?: readonly Locale[];
}

export interface DemoGroup {
  readonly group: Group;
  readonly profile: GroupProfile;
  /** The language its content and notes are written in. */
  readonly language: Locale;
  readonly audience: Audience;
}

interface CatalogueEntry {
  readonly platform: Platform;
  readonly name: string;
  readonly purpose: string | null;
  readonly profile: GroupProfile;
  readonly policy?: MembershipPolicy;
  readonly language?: Locale;
  readonly audience?: Audience;
}

const FR: Audience = { locales: ['fr'] };
const RU: Audience = { locales: ['ru'] };

/** 52 groups, half Slack channels and half Teams teams, with every profile on both platforms. */
// biome-ignore format: a table, one group a row.
const CATALOGUE: readonly CatalogueEntry[] = [
  // Slack channels
  { platform: 'slack', name: '#design-system', profile: 'lively', purpose: 'Components, tokens and patterns shared by every product UI.' },
  { platform: 'slack', name: '#eng-platform', profile: 'lively', purpose: 'Shared infrastructure: CI, deployments, observability.' },
  { platform: 'slack', name: '#help-it', profile: 'lively', purpose: 'Ask IT anything: laptops, accounts, VPN, printers.' },
  { platform: 'slack', name: '#frontend', profile: 'steady', purpose: 'Web front-end engineering across all teams.' },
  { platform: 'slack', name: '#incident-review', profile: 'steady', policy: 'approval', purpose: 'Blameless reviews of production incidents.' },
  { platform: 'slack', name: '#product-launches', profile: 'steady', purpose: 'Coordination of upcoming launches and release notes.' },
  { platform: 'slack', name: '#sales-emea', profile: 'steady', policy: 'approval', purpose: 'Deals, pipeline and wins in Europe, Middle East and Africa.' },
  { platform: 'slack', name: '#london-office', profile: 'steady', purpose: 'Life at the London office: events, rooms, practical info.', audience: { zones: ['Europe/London'] } },
  { platform: 'slack', name: '#bureau-lyon', profile: 'steady', language: 'fr', purpose: 'Vie du bureau de Lyon : événements, salles, infos pratiques.', audience: FR },
  { platform: 'slack', name: '#moscow-office', profile: 'steady', language: 'ru', purpose: 'Новости и жизнь московского офиса.', audience: { zones: ['Europe/Moscow'] } },
  { platform: 'slack', name: '#pets', profile: 'steady', purpose: null },
  { platform: 'slack', name: '#mobile-release-train', profile: 'steady', purpose: 'Weekly release train for the iOS and Android apps.' },
  { platform: 'slack', name: '#customer-voice', profile: 'steady', purpose: 'What customers tell us, straight from support and sales.' },
  { platform: 'slack', name: '#growth-experiments', profile: 'steady', purpose: 'A/B tests, results and ideas for the next ones.' },
  { platform: 'slack', name: '#book-club', profile: 'quiet', purpose: 'One book a month, discussed on the last Friday.' },
  { platform: 'slack', name: '#accessibility', profile: 'quiet', purpose: 'Making our products usable by everyone.' },
  { platform: 'slack', name: '#security-champions', profile: 'quiet', policy: 'approval', purpose: 'Security champions from every engineering team.' },
  { platform: 'slack', name: '#running-club', profile: 'quiet', purpose: null },
  { platform: 'slack', name: '#legacy-billing', profile: 'dying', purpose: 'Questions about the old billing system until it is retired.' },
  { platform: 'slack', name: '#hackathon-spring', profile: 'dying', purpose: 'Teams, ideas and demos of the spring hackathon.' },
  { platform: 'slack', name: '#project-atlas', profile: 'dying', policy: 'approval', purpose: 'Atlas: the data warehouse migration.' },
  { platform: 'slack', name: '#ux-research-ops', profile: 'dying', purpose: null },
  { platform: 'slack', name: '#ai-assistants', profile: 'new', purpose: 'Tips and questions about AI assistants at work.' },
  { platform: 'slack', name: '#project-nova', profile: 'new', policy: 'approval', purpose: 'Nova: the new self-service onboarding for customers.' },
  { platform: 'slack', name: '#old-intranet', profile: 'ownerless', purpose: 'Moving the old intranet content to the new one.' },
  { platform: 'slack', name: '#api-gateway', profile: 'ownerless', purpose: null },
  // Teams teams
  { platform: 'teams', name: 'Data Science Guild', profile: 'lively', purpose: 'Methods, tools and peer reviews for data scientists across the company.' },
  { platform: 'teams', name: 'Équipe Mobile', profile: 'lively', language: 'fr', purpose: 'Applications iOS et Android : planning, revues de code, entraide.', audience: FR },
  { platform: 'teams', name: 'HR Connect', profile: 'lively', purpose: 'Policies, benefits and every HR question.' },
  { platform: 'teams', name: 'Support Clients', profile: 'lively', language: 'fr', purpose: 'Entraide entre les équipes du support client.', audience: FR },
  { platform: 'teams', name: 'Клуб аналитиков', profile: 'steady', language: 'ru', purpose: 'Обмен опытом по аналитике данных и BI.', audience: RU },
  { platform: 'teams', name: 'Paris Office', profile: 'steady', purpose: 'Everything about the Paris office, in English and French.', audience: { zones: ['Europe/Paris'] } },
  { platform: 'teams', name: 'Finance Business Partners', profile: 'steady', policy: 'approval', purpose: 'Budgets, forecasts and month-end close.' },
  { platform: 'teams', name: 'Sales Enablement', profile: 'steady', purpose: 'Decks, battle cards and training for the sales teams.' },
  { platform: 'teams', name: 'Customer Success', profile: 'steady', purpose: 'Renewals, health checks and customer escalations.' },
  { platform: 'teams', name: 'Cloud Center of Excellence', profile: 'steady', policy: 'approval', purpose: 'Cloud architecture standards, costs and guardrails.' },
  { platform: 'teams', name: 'Women in Tech', profile: 'steady', purpose: 'Mentoring, events and support for women in technology.' },
  { platform: 'teams', name: 'Команда инфраструктуры', profile: 'steady', language: 'ru', purpose: 'Серверы, сети и дежурства инфраструктурной команды.', audience: RU },
  { platform: 'teams', name: 'Agile Coaches', profile: 'quiet', purpose: 'Coaches comparing notes on teams, rituals and retrospectives.' },
  { platform: 'teams', name: 'Sustainability Network', profile: 'quiet', purpose: 'Reducing our footprint, one office at a time.' },
  { platform: 'teams', name: 'Communauté Excel', profile: 'quiet', language: 'fr', purpose: 'Astuces, macros et modèles Excel.', audience: FR },
  { platform: 'teams', name: 'Procurement', profile: 'quiet', policy: 'approval', purpose: null },
  { platform: 'teams', name: 'Leadership Forum', profile: 'quiet', policy: 'approval', purpose: 'Directors and above: strategy, hiring plans, open questions.' },
  { platform: 'teams', name: 'Marketing Ops', profile: 'dying', purpose: 'Campaign tooling, lead routing and reporting.' },
  { platform: 'teams', name: 'Project Phoenix', profile: 'dying', policy: 'approval', purpose: 'Phoenix: rebuilding the partner portal.' },
  { platform: 'teams', name: 'SharePoint Migration', profile: 'dying', purpose: 'Moving team sites to the new SharePoint.' },
  { platform: 'teams', name: 'New Joiners', profile: 'new', purpose: 'A welcoming place for everyone who joined recently.' },
  { platform: 'teams', name: 'Генеративный ИИ', profile: 'new', language: 'ru', purpose: 'Применение генеративного ИИ в работе.', audience: RU },
  { platform: 'teams', name: 'Comité RSE', profile: 'new', policy: 'approval', language: 'fr', purpose: 'Responsabilité sociétale : projets, mécénat, bénévolat.', audience: FR },
  { platform: 'teams', name: 'Legal & Compliance Q&A', profile: 'ownerless', policy: 'approval', purpose: 'Ask the legal team; answers within two working days.' },
  { platform: 'teams', name: 'Intranet Editors', profile: 'ownerless', purpose: 'Editors of the intranet news and pages.' },
  { platform: 'teams', name: 'Partner Portal', profile: 'ownerless', purpose: null },
];

export function isOnPlatform(person: Person, platform: Platform): boolean {
  return person.identities.some((identity) => identity.platform === platform);
}

/** How much more likely someone who matches the audience is to be in (or own) the group. */
export function audienceWeight(person: Person, audience: Audience): number {
  const zoneMatch = audience.zones?.includes(person.timeZone) ?? false;
  const localeMatch = audience.locales?.includes(person.locale) ?? false;
  return zoneMatch || localeMatch ? 12 : 1;
}

const REVIEW_INTERVALS: readonly (readonly [number, number])[] = [
  [DEFAULT_REVIEW_INTERVAL_DAYS, 70],
  [30, 10],
  [60, 10],
  [180, 10],
];

/** The groups, their owners (1–3; ownerless groups only departed ones) and when they were created. */
export function generateGroups(random: Random, context: DemoContext, people: readonly Person[]): DemoGroup[] {
  const ownedCount = new Map<string, number>();
  const now = context.now.getTime();

  return CATALOGUE.map((entry) => {
    const onPlatform = people.filter((p) => isOnPlatform(p, entry.platform));
    const audience = entry.audience ?? {};
    let owners: Person[];
    if (entry.profile === 'ownerless') {
      owners = random.sample(
        onPlatform.filter((p) => p.deactivatedAt !== null),
        random.int(1, 2),
      );
    } else {
      const count =
        entry.profile === 'quiet'
          ? random.int(1, 2)
          : random.weighted([
              [1, 35],
              [2, 45],
              [3, 20],
            ]);
      owners = pickOwners(
        random,
        onPlatform.filter((p) => p.deactivatedAt === null),
        audience,
        ownedCount,
        count,
      );
    }
    for (const owner of owners) ownedCount.set(owner.id, (ownedCount.get(owner.id) ?? 0) + 1);
    const creator = owners[0] as Person;

    const createdAt =
      entry.profile === 'new'
        ? workingMoment(random, creator.timeZone, localDateOf(creator.timeZone, now - random.between(2, 13) * DAY_MS))
        : now - random.between(120, 1100) * DAY_MS;

    const group: Group = {
      id: random.uuid(),
      tenantId: context.tenantId,
      name: entry.name,
      platformRef: {
        platform: entry.platform,
        workspaceId: entry.platform === 'slack' ? context.slackWorkspaceId : context.teamsTenantId,
        id:
          entry.platform === 'slack'
            ? `C0${random.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 9)}`
            : `19:${random.chars('0123456789abcdef', 32)}@thread.tacv2`,
      },
      purpose: entry.purpose,
      requestDeadlineHours: DEFAULT_REQUEST_DEADLINE_HOURS,
      ownerIds: owners.map((o) => o.id),
      membershipPolicy: entry.policy ?? 'open',
      reviewIntervalDays: random.weighted(REVIEW_INTERVALS),
      responseTargetHours: DEFAULT_RESPONSE_TARGET_HOURS,
      welcomeText: null,
      state: 'active',
      createdAt: new Date(Math.min(createdAt, now - DAY_MS)),
    };
    return { group, profile: entry.profile, language: entry.language ?? 'en', audience };
  });
}

function pickOwners(
  random: Random,
  candidates: readonly Person[],
  audience: Audience,
  ownedCount: ReadonlyMap<string, number>,
  count: number,
): Person[] {
  const owners: Person[] = [];
  while (owners.length < count) {
    const remaining = candidates.filter((p) => !owners.includes(p));
    if (remaining.length === 0) break;
    // Some people own several groups, but most owners own one.
    owners.push(
      random.weighted(
        remaining.map((p) => [p, audienceWeight(p, audience) / (1 + 3 * (ownedCount.get(p.id) ?? 0))] as const),
      ),
    );
  }
  return owners;
}
