import { describe, expect, it } from 'vitest';
import { whereInMessage, whereLinked } from '../../apps/slack/src/listeners/content-review.ts';
import { whereInTeamsMessage } from '../../apps/teams/src/listeners/content-review.ts';
import { contentReviewActions, withReviewNote } from '../../core/src/cards/content-review-actions.ts';
import { parseCommand } from '../../core/src/commands/parse-command.ts';
import { isDueForReview } from '../../core/src/domain/content-item.ts';
import {
  flagAgeDays,
  isOnOwnersCard,
  mayReview,
  parseReviewInterval,
  updateRecipientId,
} from '../../core/src/domain/content-review.ts';
import { newId } from '../../core/src/domain/ids.ts';
import { dueContentOf, onOwnersCard } from '../../core/src/use-cases/weekly-hour/due-content.ts';
import { aContentItem, aGroup } from '../support/factories.ts';

const tenantId = newId();
const [ann, bob, cleo] = [newId(), newId(), newId()];
const group = aGroup(tenantId, [ann, bob], { reviewIntervalDays: 90 });
const now = new Date('2026-03-10T12:00:00Z');
const flag = { byId: cleo, at: new Date('2026-03-08T09:00:00Z'), note: 'Wrong phone number' };

describe('content review rules', () => {
  it('reads an interval as whole days within the bounds, and nothing else', () => {
    expect(parseReviewInterval(' 30 ', 3650)).toBe(30);
    expect(parseReviewInterval('3650', 3650)).toBe(3650);
    for (const bad of ['0', '3651', '-1', '2.5', '1e2', '', 'thirty', '30 days'])
      expect(parseReviewInterval(bad, 3650)).toBeNull();
  });

  it('makes a flagged item due at once, and a kept, unflagged one due only after its own interval', () => {
    const fresh = aContentItem(tenantId, group.id, { lastChangedAt: new Date('2026-03-09T00:00:00Z') });
    expect(isDueForReview(fresh, 90, now)).toBe(false);
    expect(isDueForReview({ ...fresh, flag }, 90, now)).toBe(true);
    expect(isDueForReview({ ...fresh, flag, state: 'archived' }, 90, now)).toBe(false);
    expect(isDueForReview({ ...fresh, reviewIntervalDays: 1 }, 90, now)).toBe(true);
  });

  it('routes an item verified by an owner to that owner alone, and any other to every owner', () => {
    const item = aContentItem(tenantId, group.id);
    expect([ann, bob].map((o) => isOnOwnersCard(item, group, o))).toEqual([true, true]);
    expect([ann, bob].map((o) => isOnOwnersCard({ ...item, verifierId: bob }, group, o))).toEqual([false, true]);
    expect([ann, bob].map((o) => isOnOwnersCard({ ...item, verifierId: cleo }, group, o))).toEqual([true, true]);
  });

  it('lets owners and the item’s verifier review it, and asks its author, else its verifier, else the owner', () => {
    const item = aContentItem(tenantId, group.id);
    expect([ann, cleo].map((p) => mayReview(item, group, p))).toEqual([true, false]);
    expect(mayReview({ ...item, verifierId: cleo }, group, cleo)).toBe(true);
    expect(updateRecipientId({ ...item, authorId: cleo, verifierId: bob }, ann)).toBe(cleo);
    expect(updateRecipientId({ ...item, verifierId: bob }, ann)).toBe(bob);
    expect(updateRecipientId(item, ann)).toBe(ann);
  });

  it('counts a flag’s age in whole days', () => {
    const item = aContentItem(tenantId, group.id, { flag });
    expect(flagAgeDays(item, now)).toBe(2);
    expect(flagAgeDays(item, new Date('2026-03-08T10:00:00Z'))).toBe(0);
    expect(flagAgeDays(aContentItem(tenantId, group.id), now)).toBeNull();
  });
});

describe('the weekly card’s due content', () => {
  const names = (id: string) => ({ [ann]: 'Ann', [bob]: 'Bob', [cleo]: 'Cleo' })[id] ?? '—';
  const old = { lastChangedAt: new Date('2025-01-01T00:00:00Z') };
  const items = [
    aContentItem(tenantId, group.id, { ...old, title: 'Plain' }),
    aContentItem(tenantId, group.id, { ...old, title: 'Bob’s', verifierId: bob }),
    aContentItem(tenantId, group.id, { title: 'Flagged', flag }),
    aContentItem(tenantId, group.id, { title: 'Fresh', lastChangedAt: new Date('2026-03-01T00:00:00Z') }),
    aContentItem(tenantId, newId(), { ...old, title: 'Elsewhere' }),
  ];
  const digest = { group, dueContent: dueContentOf(items, group, now, names, []) } as Parameters<
    typeof onOwnersCard
  >[0];

  it('lists the group’s due items, flagged first, and gives each owner their own', () => {
    expect(digest.dueContent.items.map((i) => i.title)).toEqual(['Flagged', 'Plain', 'Bob’s']);
    expect(onOwnersCard(digest, ann).dueContent).toMatchObject({
      total: 2,
      items: [{ title: 'Flagged' }, { title: 'Plain' }],
    });
    expect(onOwnersCard(digest, bob).dueContent.total).toBe(3);
  });

  it('says on the item’s line who flagged it, when, why, and who checks it, in the reader’s language', () => {
    const [flagged, , bobs] = digest.dueContent.items;
    expect(withReviewNote('en', 'Flagged', flagged!)).toBe(
      'Flagged. Flagged as outdated by Cleo 2 days ago · “Wrong phone number”',
    );
    expect(withReviewNote('fr', 'X', flagged!)).toContain('il y a 2 jours');
    expect(withReviewNote('ru', 'X', flagged!)).toContain('2 дня назад');
    expect(withReviewNote('en', 'Bob’s', bobs!)).toBe('Bob’s. Checked by Bob');
    expect(withReviewNote('en', 'Plain', {})).toBe('Plain');
  });

  it('offers Update and an interval typed on the card for every due item, flagged or only due by time', () => {
    const on = { ownerId: ann, week: '2026-W11' as const };
    const flagged = {
      id: items[0]!.id,
      review: { reviewerId: null, verifierName: null, flag: { byName: 'Bob', daysAgo: 2, note: null } },
    };
    const actions = contentReviewActions('en', flagged, on);
    expect(actions.map((a) => a.id)).toEqual(['content_item.update', 'content_item.set_interval']);
    expect(actions.map((a) => a.value)).toEqual([`${items[0]!.id}|${ann}:2026-W11`, `${items[0]!.id}|${ann}:2026-W11`]);
    expect(actions[1]?.input).toMatchObject({ required: true, maxLength: 4 });
    const dueByTime = contentReviewActions('en', { id: items[1]!.id }, on);
    expect(dueByTime.map((a) => a.id)).toEqual(['content_item.update', 'content_item.set_interval']);
    expect(dueByTime[0]?.value).toBe(`${items[1]!.id}|${ann}:2026-W11`);
  });
});

describe('naming an item to flag', () => {
  it('parses the commands, with Slack-escaped or plain links', () => {
    expect(parseCommand('outdated <https://example.com/a|Handbook> phone number changed')).toEqual({
      name: 'outdated',
      link: 'https://example.com/a',
      note: 'phone number changed',
    });
    expect(parseCommand('outdated https://example.com/a')).toEqual({
      name: 'outdated',
      link: 'https://example.com/a',
      note: null,
    });
    expect(parseCommand('outdated')).toEqual({ name: 'outdated', link: null, note: null });
    expect(parseCommand('review <https://example.com/a> 30')).toEqual({
      name: 'review',
      link: 'https://example.com/a',
      days: '30',
    });
    expect(parseCommand('verifier <https://example.com/a> <@U0CLEO|cleo>')).toEqual({
      name: 'verifier',
      link: 'https://example.com/a',
      person: 'U0CLEO',
      email: null,
    });
    expect(parseCommand('verifier https://example.com/a cleo@northwind.example')).toEqual({
      name: 'verifier',
      link: 'https://example.com/a',
      person: null,
      email: 'cleo@northwind.example',
    });
    expect(parseCommand('outdated javascript:alert(1)')).toMatchObject({ link: null });
  });

  it('finds on Slack the pinned message a permalink or a shortcut names, its files and its links', () => {
    expect(whereLinked('T1', 'https://northwind.slack.com/archives/C0DESIGN/p1772445600000200').refs).toEqual([
      { platform: 'slack', workspaceId: 'T1', id: 'C0DESIGN/1772445600.000200' },
    ]);
    expect(whereLinked('T1', 'https://example.com/x').refs).toEqual([]);
    const where = whereInMessage('T1', 'C0DESIGN', {
      ts: '1.000001',
      text: 'See <https://example.com/rota|the rota>',
      files: [{ id: 'F0ROTA' }],
    });
    expect(where.links).toEqual(['https://example.com/rota']);
    expect(where.refs.map((r) => r.id)).toEqual(['C0DESIGN/1.000001', 'F0ROTA']);
  });

  it('finds on Teams what a message links to, and the message itself', () => {
    const where = whereInTeamsMessage({
      messagePayload: {
        linkToMessage: 'https://teams.microsoft.com/l/message/1',
        body: { content: '<p><a href="https://x.example/a?b=1&amp;c=2">a</a></p>' },
      },
    });
    expect(where.links).toEqual(['https://teams.microsoft.com/l/message/1', 'https://x.example/a?b=1&c=2']);
    expect(whereInTeamsMessage({}).links).toEqual([]);
  });
});
