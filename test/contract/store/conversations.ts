import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConversationReference } from '../../../core/src/ports/store/conversations.ts';
import type { GetStore } from './context.ts';

const at = (iso: string) => new Date(iso);

// References are keyed by workspace, not by tenant, and the suite shares one store: every test
// uses workspaces of its own.
function aReference(overrides: Partial<ConversationReference> = {}): ConversationReference {
  return {
    platform: 'teams',
    workspaceId: randomUUID(),
    key: `user:29:${randomUUID()}`,
    conversationId: `a:${randomUUID()}`,
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    updatedAt: at('2026-03-01T09:00:00.123Z'),
    ...overrides,
  };
}

export function conversationsContract(store: GetStore) {
  describe('conversations', () => {
    it('saves a reference, finds it by platform, workspace and key, and replaces it', async () => {
      const reference = aReference();
      await store().conversations.save(reference);
      const { platform, workspaceId, key } = reference;
      expect(await store().conversations.find(platform, workspaceId, key)).toEqual(reference);

      const moved = aReference({
        workspaceId,
        key,
        conversationId: `a:${randomUUID()}`,
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        updatedAt: at('2026-03-05T10:30:00.456Z'),
      });
      await store().conversations.save(moved);
      expect(await store().conversations.find(platform, workspaceId, key)).toEqual(moved);
    });

    it('finds nothing for an unknown workspace or key', async () => {
      const reference = aReference();
      await store().conversations.save(reference);
      expect(await store().conversations.find('teams', randomUUID(), reference.key)).toBeNull();
      expect(await store().conversations.find('teams', reference.workspaceId, `user:29:${randomUUID()}`)).toBeNull();
    });

    it('removes a reference once', async () => {
      const reference = aReference({ key: `team:19:${randomUUID()}@thread.tacv2` });
      const { platform, workspaceId, key } = reference;
      await store().conversations.save(reference);
      expect(await store().conversations.remove(platform, workspaceId, key)).toBe(true);
      expect(await store().conversations.find(platform, workspaceId, key)).toBeNull();
      expect(await store().conversations.remove(platform, workspaceId, key)).toBe(false);
    });

    it('keeps the same key apart in other workspaces and on other platforms', async () => {
      const key = `user:${randomUUID()}`;
      const here = aReference({ key });
      const otherWorkspace = aReference({ key });
      const otherPlatform = aReference({ key, platform: 'slack', workspaceId: here.workspaceId });
      const otherKey = aReference({ workspaceId: here.workspaceId });
      for (const r of [here, otherWorkspace, otherPlatform, otherKey]) await store().conversations.save(r);

      for (const r of [here, otherWorkspace, otherPlatform, otherKey]) {
        expect(await store().conversations.find(r.platform, r.workspaceId, r.key)).toEqual(r);
      }
      expect(await store().conversations.remove('teams', here.workspaceId, key)).toBe(true);
      expect(await store().conversations.find('teams', here.workspaceId, key)).toBeNull();
      for (const r of [otherWorkspace, otherPlatform, otherKey]) {
        expect(await store().conversations.find(r.platform, r.workspaceId, r.key)).toEqual(r);
      }
    });

    it('keeps one reference per key however many save it at once', async () => {
      const first = aReference();
      const saves = Array.from({ length: 10 }, (_, i) =>
        aReference({
          workspaceId: first.workspaceId,
          key: first.key,
          conversationId: `a:${i}`,
          updatedAt: at(`2026-03-01T09:00:0${i}Z`),
        }),
      );
      await Promise.all(saves.map((r) => store().conversations.save(r)));
      const found = await store().conversations.find('teams', first.workspaceId, first.key);
      expect(saves).toContainEqual(found);
    });
  });
}
