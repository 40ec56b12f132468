import type { FakeView, FakeWorld } from '../world.ts';
import { fail, stringArg, type MethodContext, type MethodHandler } from './context.ts';

function viewArg(params: MethodContext['params'], type: string): Record<string, unknown> {
  const view = params.view;
  if (typeof view !== 'object' || view === null || Array.isArray(view)) fail('invalid_arguments');
  if ((view as { type?: unknown }).type !== type) fail('invalid_arguments');
  return view as Record<string, unknown>;
}

function viewObject(view: FakeView): Record<string, unknown> {
  return { ...view.view, id: view.id, team_id: view.teamId, hash: view.hash, ...(view.userId ? { user_id: view.userId } : {}) };
}

function store(world: FakeWorld, view: FakeView): Record<string, unknown> {
  world.views.set(view.id, view);
  return { view: viewObject(view) };
}

/** The Home tab: one per person, replaced on every publish. */
export const publish: MethodHandler = ({ world, params, workspace }) => {
  const userId = stringArg(params, 'user_id');
  if (userId === undefined || !world.users.has(userId)) fail('user_not_found');
  const view = viewArg(params, 'home');
  const existing = [...world.views.values()].find((candidate) => candidate.userId === userId);
  return store(world, { id: existing?.id ?? world.nextId('V'), teamId: workspace.id, userId, view, hash: world.nextId('h') });
};

/** Trigger ids expire after 3 s on Slack; the fake only wants one. */
export const open: MethodHandler = ({ world, params, workspace }) => {
  if (stringArg(params, 'trigger_id') === undefined) fail('invalid_arguments');
  const view = viewArg(params, 'modal');
  return store(world, { id: world.nextId('V'), teamId: workspace.id, userId: null, view, hash: world.nextId('h') });
};

export const update: MethodHandler = ({ world, params }) => {
  const externalId = stringArg(params, 'external_id');
  const viewId = stringArg(params, 'view_id');
  const existing = [...world.views.values()].find(
    (candidate) => candidate.id === viewId || (externalId !== undefined && candidate.view.external_id === externalId),
  );
  if (!existing) fail('not_found');
  const hash = stringArg(params, 'hash');
  if (hash !== undefined && hash !== existing.hash) fail('hash_conflict');
  existing.view = viewArg(params, String(existing.view.type));
  existing.hash = world.nextId('h');
  return { view: viewObject(existing) };
};
