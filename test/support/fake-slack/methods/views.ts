import type { FakeView, FakeWorld } from '../world.ts';
import { fail, type MethodContext, type MethodHandler, stringArg } from './context.ts';

function viewArg(params: MethodContext['params'], type: string): Record<string, unknown> {
  const view = params.view;
  if (typeof view !== 'object' || view === null || Array.isArray(view)) fail('invalid_arguments');
  if ((view as { type?: unknown }).type !== type) fail('invalid_arguments');
  const problems = type === 'modal' ? modalProblems(view as Record<string, unknown>) : [];
  if (problems.length > 0) fail('invalid_arguments', { response_metadata: { messages: problems } });
  return view as Record<string, unknown>;
}

// https://docs.slack.dev/reference/views/modal-views: `title`, `submit` and `close` are plain_text
// of at most 24 characters, `submit` is required with an input block, `callback_id` at most 255,
// `private_metadata` at most 3000, `blocks` at most 100. Slack answers `invalid_arguments` with one
// "[ERROR] … [json-pointer:…]" line per problem in `response_metadata.messages`.
const MODAL_TEXT_MAX = 24;
const CALLBACK_ID_MAX = 255;
const PRIVATE_METADATA_MAX = 3000;
const MODAL_BLOCKS_MAX = 100;

function modalProblems(view: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const tooLong = (value: unknown, max: number, pointer: string) => {
    if (typeof value === 'string' && value.length > max)
      problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:/view${pointer}]`);
  };
  for (const field of ['title', 'submit', 'close'] as const) {
    const text = view[field] as { type?: unknown; text?: unknown } | undefined;
    if (text === undefined) {
      if (field === 'title') problems.push('[ERROR] missing required field: title [json-pointer:/view]');
      continue;
    }
    if (text.type !== 'plain_text')
      problems.push(`[ERROR] must be a plain_text text object [json-pointer:/view/${field}]`);
    tooLong(text.text, MODAL_TEXT_MAX, `/${field}/text`);
  }
  tooLong(view.callback_id, CALLBACK_ID_MAX, '/callback_id');
  tooLong(view.private_metadata, PRIVATE_METADATA_MAX, '/private_metadata');
  const blocks = Array.isArray(view.blocks) ? (view.blocks as { type?: unknown }[]) : [];
  if (blocks.length > MODAL_BLOCKS_MAX)
    problems.push(`[ERROR] no more than ${MODAL_BLOCKS_MAX} items allowed [json-pointer:/view/blocks]`);
  if (view.submit === undefined && blocks.some((block) => block.type === 'input')) {
    problems.push('[ERROR] submit is required when an input block is within the blocks [json-pointer:/view/submit]');
  }
  return problems;
}

function viewObject(view: FakeView): Record<string, unknown> {
  return {
    ...view.view,
    id: view.id,
    team_id: view.teamId,
    hash: view.hash,
    ...(view.userId ? { user_id: view.userId } : {}),
  };
}

function store(world: FakeWorld, view: FakeView): Record<string, unknown> {
  world.views.set(view.id, view);
  return { view: viewObject(view) };
}

// https://docs.slack.dev/reference/methods/views.publish: `user_id` and a `view` of type `home`
// are required; the Home tab replaces the user's last one (`hash` guards against a race), and
// answers `{ ok, view }`. https://docs.slack.dev/reference/views/home-tab-views (and the Block Kit
// limits): a home view holds at most 100 blocks, else `invalid_arguments`.
const HOME_BLOCKS_MAX = 100;

/** The Home tab: one per person, replaced on every publish. */
export const publish: MethodHandler = ({ world, params, workspace }) => {
  const userId = stringArg(params, 'user_id');
  if (userId === undefined || !world.users.has(userId)) fail('user_not_found');
  const view = viewArg(params, 'home');
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  if (blocks.length > HOME_BLOCKS_MAX)
    fail('invalid_arguments', {
      response_metadata: {
        messages: [`[ERROR] no more than ${HOME_BLOCKS_MAX} items allowed [json-pointer:/view/blocks]`],
      },
    });
  const existing = [...world.views.values()].find((candidate) => candidate.userId === userId);
  const hash = stringArg(params, 'hash');
  if (hash !== undefined && existing && hash !== existing.hash) fail('hash_conflict');
  return store(world, {
    id: existing?.id ?? world.nextId('V'),
    teamId: workspace.id,
    userId,
    view,
    hash: world.nextId('h'),
  });
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
