import { describe, expect, it } from 'vitest';
import { contentItemActions } from '../../core/src/cards/content-item-actions.ts';
import { archiveAction } from '../../core/src/domain/content-archive.ts';
import { CONTENT_KINDS } from '../../core/src/domain/content-item.ts';
import { PLATFORMS } from '../../core/src/domain/platform.ts';

describe('archiveAction: Archive is offered only where the platform can do it and the app may', () => {
  it('unpins a Slack message and removes a Slack bookmark with the write scopes', () => {
    expect(archiveAction('pinned_message', 'slack', ['pins:read', 'pins:write'])).toEqual({
      operation: 'unpin',
      scopes: ['pins:write'],
    });
    expect(archiveAction('bookmark', 'slack', ['bookmarks:write'])?.operation).toBe('remove_bookmark');
  });

  it('is not offered on Slack without the write scope the install granted', () => {
    expect(archiveAction('pinned_message', 'slack', ['pins:read'])).toBeNull();
    expect(archiveAction('bookmark', 'slack', ['bookmarks:read', 'pins:write'])).toBeNull();
  });

  it('deletes a Teams tab with any of the permissions Graph accepts', () => {
    for (const permission of ['TeamsTab.Delete.Group', 'TeamsTab.ReadWriteForTeam.All', 'TeamsTab.ReadWrite.All']) {
      expect(archiveAction('tab', 'teams', [permission])?.operation).toBe('delete_tab');
    }
    expect(archiveAction('tab', 'teams', ['TeamsTab.Read.All'])).toBeNull();
  });

  it('assumes the manifests’ scopes when what was granted is not known', () => {
    expect(archiveAction('pinned_message', 'slack', null)?.operation).toBe('unpin');
    expect(archiveAction('tab', 'teams', null)?.operation).toBe('delete_tab');
  });

  it('never archives files or canvases, whatever the scopes: the platforms can only delete them', () => {
    const everything = [
      'files:write',
      'files:read',
      'Files.ReadWrite.All',
      'pins:write',
      'bookmarks:write',
      'TeamsTab.ReadWrite.All',
    ];
    for (const platform of PLATFORMS) {
      expect(archiveAction('file', platform, everything)).toBeNull();
      expect(archiveAction('canvas', platform, everything)).toBeNull();
    }
  });

  it('has an answer for every kind on every platform, and only three kinds can be archived', () => {
    const archivable = PLATFORMS.flatMap((platform) =>
      CONTENT_KINDS.filter((kind) => archiveAction(kind, platform, null)).map((kind) => `${platform}:${kind}`),
    );
    expect(archivable).toEqual(['slack:pinned_message', 'slack:bookmark', 'teams:tab']);
  });
});

describe('contentItemActions: the buttons under an item', () => {
  const on = { ownerId: '0b9a3c1e-4a5f-4f0e-9b7c-1d2e3f4a5b6c', week: '2026-W11' } as const;

  it('offers Keep and Archive on a pin, in the reader’s language', () => {
    const actions = contentItemActions(
      'fr',
      { id: 'item-1', kind: 'pinned_message', platform: 'slack', grantedScopes: null },
      on,
    );
    expect(actions.map((a) => a.id)).toEqual(['content_item.keep', 'content_item.archive']);
    expect(actions.map((a) => a.label)).toEqual(['Garder', 'Archiver']);
    expect(actions[1]?.value).toBe(`item-1|${on.ownerId}:${on.week}`);
  });

  it('offers only Keep on a file, and on a pin when the install lacks pins:write', () => {
    expect(
      contentItemActions('en', { id: 'f', kind: 'file', platform: 'slack', grantedScopes: null }, on).map((a) => a.id),
    ).toEqual(['content_item.keep']);
    expect(
      contentItemActions(
        'en',
        { id: 'p', kind: 'pinned_message', platform: 'slack', grantedScopes: ['pins:read'] },
        on,
      ).map((a) => a.id),
    ).toEqual(['content_item.keep']);
  });
});
