import type { Locale } from '../domain/locale.ts';
import { translate } from '../messages/translate.ts';
import { type Card, textCard } from './card.ts';

export interface GroupRole {
  readonly groupName: string;
  readonly role: 'owner' | 'member';
}

/** A person's groups and their role in each, owned groups first. */
export function groupsCard(locale: Locale, roles: readonly GroupRole[]): Card {
  const title = translate(locale, 'groups.title');
  if (roles.length === 0) {
    const none = translate(locale, 'groups.none');
    return textCard(locale, title, none);
  }
  const items = roles.map((r) => ({
    text: translate(locale, 'groups.item', { group: r.groupName, role: translate(locale, `groups.role.${r.role}`) }),
  }));
  return { locale, title, summary: items.map((i) => i.text).join('\n'), blocks: [{ kind: 'list', title, items }] };
}
