import { describe, expect, it } from 'vitest';
import { DASHBOARD_GROUP_SECTIONS, dashboardGroupLink } from '../../core/src/cards/links.ts';

// Issue 11, item 6: a card's "and N more" opens the group's page at the list it cut.

describe('dashboardGroupLink', () => {
  const group = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

  it('opens the group’s page under the public address, with or without a trailing slash', () => {
    expect(dashboardGroupLink('https://steward.example.com/', group)).toBe(
      `https://steward.example.com/dashboard/groups/${group}`,
    );
    expect(dashboardGroupLink('https://steward.example.com/base', group)).toBe(
      `https://steward.example.com/base/dashboard/groups/${group}`,
    );
  });

  it('opens the page at the section of each list', () => {
    for (const section of DASHBOARD_GROUP_SECTIONS)
      expect(dashboardGroupLink('https://steward.example.com', group, section)).toBe(
        `https://steward.example.com/dashboard/groups/${group}#${section}`,
      );
    expect(dashboardGroupLink('https://steward.example.com', group, 'requests')).toMatch(/#requests$/);
  });
});
