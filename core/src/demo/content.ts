import type { ContentItem, ContentKind } from '../domain/content-item.ts';
import type { Locale } from '../domain/locale.ts';
import type { Platform, PlatformRef } from '../domain/platform.ts';
import { DAY_MS, HOUR_MS } from '../domain/zoned-time.ts';
import type { DemoContext } from './context.ts';
import type { DemoGroup, GroupProfile } from './groups.ts';
import type { Random } from './random.ts';

/** What each platform lets a group keep (DESIGN.md §3, stale content). */
export const KINDS_BY_PLATFORM: Readonly<Record<Platform, readonly ContentKind[]>> = {
  slack: ['pinned_message', 'bookmark', 'file', 'canvas'],
  teams: ['tab', 'pinned_message', 'file'],
};

/** The state an item is in at the demo's `now`. */
type Age = 'fresh' | 'due' | 'overdue' | 'reviewed' | 'archived';

const AGES: Readonly<Record<GroupProfile, readonly (readonly [Age, number])[]>> = {
  lively: [
    ['fresh', 40],
    ['due', 15],
    ['overdue', 15],
    ['reviewed', 20],
    ['archived', 10],
  ],
  steady: [
    ['fresh', 30],
    ['due', 20],
    ['overdue', 20],
    ['reviewed', 20],
    ['archived', 10],
  ],
  quiet: [
    ['fresh', 30],
    ['due', 20],
    ['overdue', 15],
    ['reviewed', 30],
    ['archived', 5],
  ],
  dying: [
    ['fresh', 5],
    ['due', 25],
    ['overdue', 55],
    ['archived', 15],
  ],
  new: [['fresh', 100]],
  ownerless: [
    ['fresh', 5],
    ['due', 30],
    ['overdue', 65],
  ],
};

const ITEMS_PER_GROUP: Readonly<Record<GroupProfile, readonly [number, number]>> = {
  lively: [5, 9],
  steady: [3, 7],
  quiet: [1, 4],
  dying: [3, 6],
  new: [1, 3],
  ownerless: [2, 5],
};

/** An item with its own interval overrides the group's. */
const OWN_INTERVALS = [14, 30, 60, 180, 365];

type Titles = Readonly<Record<ContentKind, readonly string[]>>;

const TITLES: Readonly<Record<Locale, Titles>> = {
  en: {
    pinned_message: [
      'Read this first: how we use this channel',
      'Release checklist',
      'On-call rota for this quarter',
      'Who to ask for what',
      'Meeting notes template',
      'Posting guidelines',
      'Holiday coverage plan',
    ],
    bookmark: ['Team wiki', 'Jira board', 'Figma library', 'Status page', 'Runbook', 'Roadmap', 'Confluence space'],
    file: [
      'Onboarding guide.pdf',
      'Quarterly OKRs.xlsx',
      'Architecture overview.pptx',
      'Budget forecast.xlsx',
      'Style guide.pdf',
      'Contact list.xlsx',
      'Process map.vsdx',
      'Training slides.pptx',
    ],
    canvas: ['Team canvas', 'Project brief', 'Weekly sync notes', 'Decision log', 'How we work'],
    tab: ['Wiki', 'Planner', 'OneNote notebook', 'Power BI – KPIs', 'Documents', 'Lists – Requests'],
  },
  fr: {
    pinned_message: [
      'À lire d’abord : règles du canal',
      'Checklist de mise en production',
      'Planning des astreintes',
      'Qui contacter pour quoi',
      'Modèle de compte rendu',
    ],
    bookmark: ['Wiki de l’équipe', 'Tableau Jira', 'Bibliothèque Figma', 'Page de statut', 'Feuille de route'],
    file: [
      'Guide d’accueil.pdf',
      'OKR du trimestre.xlsx',
      'Présentation de l’architecture.pptx',
      'Budget prévisionnel.xlsx',
      'Charte graphique.pdf',
      'Annuaire.xlsx',
    ],
    canvas: ['Canevas de l’équipe', 'Note de cadrage', 'Journal des décisions', 'Notes de la réunion hebdo'],
    tab: ['Wiki', 'Planner', 'Bloc-notes OneNote', 'Power BI – indicateurs', 'Documents'],
  },
  ru: {
    pinned_message: [
      'Прочитайте сначала: правила канала',
      'Чек-лист релиза',
      'График дежурств',
      'К кому с каким вопросом',
      'Шаблон протокола встречи',
    ],
    bookmark: ['Вики команды', 'Доска Jira', 'Библиотека Figma', 'Страница статуса', 'Дорожная карта'],
    file: [
      'Инструкция для новичков.pdf',
      'Цели на квартал.xlsx',
      'Обзор архитектуры.pptx',
      'Бюджет.xlsx',
      'Регламент команды.docx',
    ],
    canvas: ['Холст команды', 'Описание проекта', 'Журнал решений', 'Заметки еженедельной встречи'],
    tab: ['Вики', 'Planner', 'Записная книжка OneNote', 'Power BI – показатели', 'Документы'],
  },
};

/**
 * Each group's content inventory, every kind its platform has, at every age: fresh, due for
 * review, long overdue, reviewed recently, archived; some items with their own interval.
 */
export function generateContent(random: Random, context: DemoContext, groups: readonly DemoGroup[]): ContentItem[] {
  const now = context.now.getTime();
  const items: ContentItem[] = [];
  const usedIds = new Set<string>();

  for (const { group, profile, language } of groups) {
    const platform = group.platformRef.platform;
    const kinds = KINDS_BY_PLATFORM[platform];
    const createdAt = group.createdAt.getTime();
    const offset = random.int(0, kinds.length - 1);
    const count = random.int(...ITEMS_PER_GROUP[profile]);
    const titles = new Set<string>();

    for (let i = 0; i < count; i++) {
      // Cycling through the kinds gives every group with enough items one of each.
      const kind = kinds[(offset + i) % kinds.length] as ContentKind;
      const ownInterval = random.chance(0.2) ? random.pick(OWN_INTERVALS) : null;
      const interval = ownInterval ?? group.reviewIntervalDays;
      const age = random.weighted(AGES[profile]);
      const daysAgo = (days: number) => now - days * DAY_MS;
      let lastChangedAt: number;
      let lastReviewedAt: number | null = null;
      switch (age) {
        case 'fresh':
          lastChangedAt = daysAgo(random.between(0.5, interval * 0.6));
          break;
        case 'due':
          lastChangedAt = daysAgo(interval + random.between(1, 21));
          break;
        case 'overdue':
          lastChangedAt = daysAgo(random.between(interval * 1.5 + 30, 1000));
          break;
        case 'reviewed':
          lastChangedAt = daysAgo(random.between(interval + 30, 700));
          lastReviewedAt = daysAgo(random.between(1, interval * 0.6));
          break;
        case 'archived':
          // Archiving stamps the change date, as the store's archive() does.
          lastChangedAt = daysAgo(random.between(2, 60));
          break;
      }
      // Nothing predates its group.
      lastChangedAt = Math.max(lastChangedAt, createdAt + random.between(1, 48) * HOUR_MS);
      if (lastReviewedAt !== null) lastReviewedAt = Math.max(lastReviewedAt, lastChangedAt);

      let title = random.pick(TITLES[language][kind]);
      for (let n = 2; titles.has(title); n++) title = `${random.pick(TITLES[language][kind])} (${n})`;
      titles.add(title);

      const platformId = platformIdFor(random, kind, group.platformRef.id, lastChangedAt, usedIds);
      items.push({
        id: random.uuid(),
        tenantId: context.tenantId,
        groupId: group.id,
        kind,
        platformRef: { platform, workspaceId: group.platformRef.workspaceId, id: platformId },
        title,
        link: linkFor(kind, group.platformRef, platformId, title, context.emailDomain),
        lastChangedAt: new Date(Math.min(lastChangedAt, now - HOUR_MS)),
        lastReviewedAt: lastReviewedAt === null ? null : new Date(Math.min(lastReviewedAt, now - HOUR_MS)),
        reviewIntervalDays: ownInterval,
        state: age === 'archived' ? 'archived' : 'active',
      });
    }
  }
  return items;
}

const SLACK_ID = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function platformIdFor(random: Random, kind: ContentKind, channelId: string, at: number, used: Set<string>): string {
  let id: string;
  do {
    switch (kind) {
      case 'pinned_message':
        id = channelId.startsWith('C')
          ? `${channelId}/${Math.floor(at / 1000)}.${random.chars('0123456789', 6)}`
          : `${at}${random.chars('0123456789', 3)}`;
        break;
      case 'bookmark':
        id = `Bk0${random.chars(SLACK_ID, 9)}`;
        break;
      case 'file':
      case 'canvas':
        id = channelId.startsWith('C') ? `F0${random.chars(SLACK_ID, 9)}` : `01${random.chars(SLACK_ID, 32)}`;
        break;
      case 'tab':
        id = random.uuid();
        break;
    }
  } while (used.has(id));
  used.add(id);
  return id;
}

function linkFor(kind: ContentKind, where: PlatformRef, itemId: string, title: string, domain: string): string {
  const { platform, workspaceId, id: channelId } = where;
  const company = domain.split('.')[0] ?? 'demo';
  if (platform === 'slack') {
    switch (kind) {
      case 'pinned_message': {
        const ts = itemId.split('/')[1] ?? '';
        return `https://${company}.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
      }
      case 'bookmark':
        return `https://wiki.${domain}/${encodeURIComponent(title.toLowerCase().replaceAll(' ', '-'))}`;
      case 'canvas':
        return `https://${company}.slack.com/docs/${workspaceId}/${itemId}`;
      default:
        return `https://${company}.slack.com/files/${workspaceId}/${itemId}`;
    }
  }
  const thread = encodeURIComponent(channelId);
  switch (kind) {
    case 'pinned_message':
      return `https://teams.microsoft.com/l/message/${thread}/${itemId}?tenantId=${workspaceId}`;
    case 'tab':
      return `https://teams.microsoft.com/l/entity/${itemId}?context=${encodeURIComponent(JSON.stringify({ channelId }))}`;
    default:
      return `https://${company}.sharepoint.com/sites/shared/_layouts/15/Doc.aspx?sourcedoc=${itemId}`;
  }
}
