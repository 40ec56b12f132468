import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkActivityShape } from '../../../apps/teams/src/events/activity-shape.ts';
import { cardAction, type TeamsFixtureName, teamsActivity } from '../../support/teams-activities.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/teams');
/** Every placeholder the fixtures use, with a plausible value. */
const FILL = {
  __TENANT__: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  __TEAM__: '99999999-8888-4777-8666-555555555555',
  __SERVICE_URL__: 'https://smba.trafficmanager.net/emea/',
  __APP_ID__: '6f1c2a4e-1b7d-4c55-9a0e-5b7f3c2d1e0a',
  __INVOKE_ID__: 'f:17b96347-e8b4-f340-10bc-eb52fc1a6ad4',
  __FROM_AAD__: 'aaaaaaaa-0000-4000-8000-000000000001',
  __FROM_BF_ID__: '29:1alice-bf-id',
  __FROM_NAME__: 'Alice Martin',
  __TEXT__: 'help',
  __MESSAGE_ID__: '1772463600789',
  __VERB__: 'membership_request.approve',
  __NAME__: 'Design',
};

// The edge refuses what does not have this shape: every payload Microsoft documents must pass.
describe('the shape of a Teams activity', () => {
  it.each(readdirSync(FIXTURES).filter((name) => name.endsWith('.json')))('takes %s', (name) => {
    expect(checkActivityShape(teamsActivity(name as TeamsFixtureName, FILL))).toMatchObject({ ok: true });
  });

  it('names where an activity is wrong, never what it holds', () => {
    const activity: Record<string, unknown> = cardAction(
      { tenantId: FILL.__TENANT__, teamId: FILL.__TEAM__, serviceUrl: FILL.__SERVICE_URL__, appId: FILL.__APP_ID__ },
      { aadObjectId: FILL.__FROM_AAD__, name: FILL.__FROM_NAME__ },
      FILL.__VERB__,
      { value: 'x' },
    );
    const junk = { ...activity, from: { id: 42, aadObjectId: { $gt: '' } }, value: { action: { verb: ['approve'] } } };
    expect(checkActivityShape(junk)).toEqual({ ok: false, problems: ['from.id', 'from.aadObjectId'] });
    expect(checkActivityShape({ ...activity, value: { action: { verb: ['approve'] } } })).toEqual({
      ok: false,
      problems: ['value.action.verb'],
    });
    expect(checkActivityShape(null)).toEqual({ ok: false, problems: ['(body)'] });
  });
});
