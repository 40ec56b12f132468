import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkActivityShape } from '../../../apps/teams/src/events/activity-shape.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/teams');
const fill = (text: string) =>
  text
    .replaceAll('__TENANT__', '72f988bf-86f1-41af-91ab-2d7cd011db47')
    .replaceAll('__TEAM__', '99999999-8888-4777-8666-555555555555')
    .replaceAll('__SERVICE_URL__', 'https://smba.trafficmanager.net/emea/')
    .replaceAll('__APP_ID__', '6f1c2a4e-1b7d-4c55-9a0e-5b7f3c2d1e0a')
    .replaceAll('__INVOKE_ID__', 'f:17b96347-e8b4-f340-10bc-eb52fc1a6ad4')
    .replaceAll('__FROM_AAD__', 'aaaaaaaa-0000-4000-8000-000000000001')
    .replaceAll('__FROM_BF_ID__', '29:1alice-bf-id')
    .replaceAll('__FROM_NAME__', 'Alice Martin')
    .replaceAll('__TEXT__', 'help')
    .replaceAll('__MESSAGE_ID__', '1772463600789')
    .replaceAll('__VERB__', 'membership_request.approve')
    .replaceAll('__NAME__', 'Design');

// The edge refuses what does not have this shape: every payload Microsoft documents must pass.
describe('the shape of a Teams activity', () => {
  it.each(readdirSync(FIXTURES).filter((name) => name.endsWith('.json')))('takes %s', (name) => {
    expect(checkActivityShape(JSON.parse(fill(readFileSync(join(FIXTURES, name), 'utf8'))))).toMatchObject({ ok: true });
  });

  it('names where an activity is wrong, never what it holds', () => {
    const activity = JSON.parse(fill(readFileSync(join(FIXTURES, 'card-action.json'), 'utf8'))) as Record<string, unknown>;
    const junk = { ...activity, from: { id: 42, aadObjectId: { $gt: '' } }, value: { action: { verb: ['approve'] } } };
    expect(checkActivityShape(junk)).toEqual({ ok: false, problems: ['from.id', 'from.aadObjectId'] });
    expect(checkActivityShape({ ...activity, value: { action: { verb: ['approve'] } } })).toEqual({ ok: false, problems: ['value.action.verb'] });
    expect(checkActivityShape(null)).toEqual({ ok: false, problems: ['(body)'] });
  });
});
