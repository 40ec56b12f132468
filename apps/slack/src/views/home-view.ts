import type { HomeView } from '@slack/types';
import { groupsCard, helpCard, identify, myGroups, type IdentifyDeps, type PlatformIdentity } from '@steward/core';
import { renderCard } from '../render/block-kit.ts';

/** The App Home tab: the person's groups, then what the bot can do. Null for people we cannot know. */
export async function homeView(deps: IdentifyDeps, command: string, identity: PlatformIdentity): Promise<HomeView | null> {
  const known = await identify(deps, identity);
  if (!known.ok) return null;
  const { person } = known.value;
  const groups = renderCard(groupsCard(person.locale, await myGroups(deps, person)));
  const help = renderCard(helpCard(person.locale, command));
  return { type: 'home', blocks: [...groups.blocks, { type: 'divider' }, ...help.blocks] };
}
