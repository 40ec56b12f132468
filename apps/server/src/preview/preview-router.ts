import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ACTION_IDS, type CoreDeps, failureText, type Logger, type Person, performCardAction } from '@steward/core';
import { inputFrom, renderAdaptiveCard } from '@steward/teams';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { previewCardsOf } from './preview-cards.ts';
import type { PreviewInbox } from './preview-inbox.ts';
import { findPreviewPerson, previewOwners } from './preview-people.ts';

export interface PreviewRouterOptions {
  readonly deps: CoreDeps;
  readonly inbox: PreviewInbox;
  readonly logger: Logger;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const fromPackages = createRequire(import.meta.url);
const FILES = {
  page: here('./page.html'),
  script: here('./preview.js'),
  adaptiveCards: fromPackages.resolve('adaptivecards/dist/adaptivecards.min.js'),
  adaptiveCardsCss: fromPackages.resolve('adaptivecards/dist/adaptivecards.css'),
};

const ACTION_BODY = z.object(
  {
    verb: z.enum(ACTION_IDS, { error: `must be one of ${ACTION_IDS.join(', ')}` }),
    // The action's data as the card holds it, with the text of the card's inputs by their ids
    // (`input`, `input.1`…, named by `inputId`: the Teams renderer's `inputFrom` reads them).
    data: z
      .object(
        {
          value: z.string({ error: 'must be a string' }).max(1_000, 'must be at most 1000 characters'),
          inputId: z.string({ error: 'must be a string' }).optional(),
        },
        { error: 'must be an object with the value of the action' },
      )
      .catchall(z.string({ error: 'must be text' }).max(4_000, 'must be at most 4000 characters')),
    /** The inbox card pressed, which then keeps the answer, as a chat keeps the updated message. */
    cardId: z.string({ error: 'must be a string' }).max(200, 'must be at most 200 characters').optional(),
  },
  { error: 'must be a JSON object: { "verb": …, "data": { "value": …, "input": … }, "cardId": … }' },
);

/**
 * The preview inbox's page and API, for trying the product with no Slack or Teams workspace: one
 * picks a person and sees their cards as Teams would render them; the buttons call the same core
 * actions as the chat edges do.
 */
export function createPreviewRouter({ deps, inbox, logger }: PreviewRouterOptions): express.Router {
  const router = express.Router();
  const file = (path: string, type: string) => (_request: Request, response: Response) => {
    response.type(type).sendFile(path, { dotfiles: 'allow', headers: { 'Cache-Control': 'no-cache' } });
  };
  router.get('/preview', file(FILES.page, 'html'));
  router.get('/preview/preview.js', file(FILES.script, 'js'));
  router.get('/preview/adaptivecards.js', file(FILES.adaptiveCards, 'js'));
  router.get('/preview/adaptivecards.css', file(FILES.adaptiveCardsCss, 'css'));

  router.get('/preview/api/people', async (_request, response) => {
    const owners = await previewOwners(deps.store);
    response.json({
      people: owners.map(({ person, tenant, groups }) => ({ ...describe(person), tenant: tenant.name, groups })),
    });
  });

  router.get('/preview/api/people/:id/cards', async (request, response) => {
    const person = await personOf(request, response);
    if (!person) return;
    const entries = await previewCardsOf(deps, inbox, person);
    response.json({
      person: describe(person),
      cards: entries.map((entry) => ({
        id: entry.id,
        source: entry.source,
        groupName: entry.groupName,
        deliveredAt: entry.deliveredAt?.toISOString() ?? null,
        card: renderAdaptiveCard(entry.card),
      })),
    });
  });

  router.post('/preview/api/people/:id/actions', express.json({ limit: '16kb' }), async (request, response) => {
    const body = ACTION_BODY.safeParse(request.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      const field = issue?.path.length ? `${issue.path.join('.')} ` : 'The body ';
      response.status(400).json({ error: `${field}${issue?.message ?? 'is not valid'}` });
      return;
    }
    const person = await personOf(request, response);
    if (!person) return;
    const { verb, data, cardId } = body.data;
    const done = await performCardAction(deps, person, { id: verb, value: data.value, input: inputFrom(data) });
    if (!done.ok) {
      logger.debug({ personId: person.id, verb, code: done.code, detail: done.detail }, 'preview action refused');
      response.json({ error: failureText(person.locale, done) });
      return;
    }
    // A card sent to the person keeps the answer, as their chat would; a group's post is everyone's.
    const pressed =
      cardId === undefined
        ? undefined
        : inbox.cardsTo(person.identities).find((kept) => kept.sent.messageId === cardId);
    if (pressed) inbox.replace(pressed.sent, done.value);
    response.json({ card: renderAdaptiveCard(done.value) });
  });

  router.use('/preview', (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    // express.json's errors (not JSON, too large, unknown charset) are the client's: say so.
    const { status, type, message } = (typeof error === 'object' && error !== null ? error : {}) as {
      status?: unknown;
      type?: unknown;
      message?: unknown;
    };
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const text =
        type === 'entity.parse.failed'
          ? 'The body must be JSON.'
          : type === 'entity.too.large'
            ? 'The body is too large.'
            : String(message);
      response.status(status).json({ error: text });
      return;
    }
    logger.error({ err: error }, 'preview request failed');
    response.status(500).json({ error: 'Something went wrong; the server log says what.' });
  });
  return router;

  async function personOf(request: Request, response: Response): Promise<Person | null> {
    const id = String(request.params['id']);
    const person = await findPreviewPerson(deps.store, id);
    if (!person) response.status(404).json({ error: `No person has the id ${JSON.stringify(id)}.` });
    return person;
  }
}

function describe(person: Person) {
  return { id: person.id, name: person.displayName, locale: person.locale, timeZone: person.timeZone };
}
