// The preview inbox page: pick a person, see their cards as Adaptive Cards, press their buttons.
// Plain browser JavaScript, no build: AdaptiveCards is the global of adaptivecards.min.js.
// biome-ignore lint/suspicious/noRedundantUseStrict: page.html loads this as a classic script, not a module.
'use strict';

const picker = document.getElementById('person');
const cardList = document.getElementById('cards');

// Our cards' markdown is Teams's subset: backslash escapes, **bold**, [links](https://…), <at>mentions</at>.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (markdown, result) => {
  result.outputHtml = markdownToHtml(markdown);
  result.didProcess = true;
};

function markdownToHtml(markdown) {
  const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => entities[c]);
  const literals = [];
  let html = markdown.replace(/\\([!-/:-@[-`{-~])/g, (_, c) => `\u0000${literals.push(c) - 1}\u0000`);
  html = escapeHtml(html)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/&lt;at&gt;(.+?)&lt;\/at&gt;/g, '<strong>@$1</strong>')
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_, label, url) =>
      /^(https?:|mailto:)/i.test(url) ? `<a href="${url}" target="_blank" rel="noopener">${label}</a>` : label,
    )
    .replace(/\n/g, '<br>')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL brackets an escaped character's index (above); text has no NUL.
    .replace(/\u0000(\d+)\u0000/g, (_, index) => escapeHtml(literals[Number(index)]));
  return `<p>${html}</p>`;
}

/** JSON in and out; every answer of the preview API is JSON, `{ error }` when it went wrong. */
async function api(path, body) {
  const response = await fetch(
    path,
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  return response.json();
}

async function loadPeople() {
  const { people } = await api('/preview/api/people');
  for (const person of people) {
    const option = new Option(
      `${person.name} · ${person.locale} · ${person.timeZone} · ${person.groups} group(s)`,
      person.id,
    );
    picker.append(option);
  }
  const chosen = decodeURIComponent(location.hash.slice(1));
  if (people.some((person) => person.id === chosen)) {
    picker.value = chosen;
    await showCards(chosen);
  }
}

async function showCards(personId) {
  cardList.replaceChildren();
  if (!personId) return;
  const answer = await api(`/preview/api/people/${encodeURIComponent(personId)}/cards`);
  if (answer.error) return cardList.append(note(answer.error));
  if (answer.cards.length === 0)
    return cardList.append(note('No cards for this person yet: their weekly-hour card comes at their weekly hour.'));
  for (const entry of answer.cards) cardList.append(cardView(personId, entry));
}

/** One card, its caption, and the line where a refused action says why. */
function cardView(personId, entry) {
  const section = document.createElement('section');
  section.className = 'card';
  section.dataset.cardId = entry.id;
  const caption = document.createElement('p');
  caption.className = 'card-caption';
  const delivered = new Date(entry.deliveredAt).toLocaleString();
  caption.textContent =
    entry.source === 'weekly_hour'
      ? 'Weekly hour'
      : entry.source === 'group'
        ? `Posted in ${entry.groupName}, ${delivered}`
        : `Delivered ${delivered}`;
  const body = document.createElement('div');
  body.className = 'card-body';
  const error = document.createElement('p');
  error.className = 'card-error';
  error.setAttribute('role', 'alert');
  section.append(caption, body, error);

  const render = (json) => {
    const card = new AdaptiveCards.AdaptiveCard();
    // Our buttons are Action.Execute (older cards and the settings form may still carry an Action.Submit fallback with the verb in its data).
    card.onExecuteAction = async (action) => {
      const data = action.data ?? {};
      const verb = action instanceof AdaptiveCards.ExecuteAction ? action.verb : data.verb;
      error.textContent = '';
      section.setAttribute('aria-busy', 'true');
      try {
        const answer = await api(`/preview/api/people/${encodeURIComponent(personId)}/actions`, {
          verb,
          data,
          cardId: entry.id,
        });
        if (answer.card) render(answer.card);
        else error.textContent = answer.error;
      } catch (failure) {
        error.textContent = String(failure);
      } finally {
        section.removeAttribute('aria-busy');
      }
    };
    card.parse(json);
    body.replaceChildren(card.render());
  };
  render(entry.card);
  return section;
}

function note(text) {
  const paragraph = document.createElement('p');
  paragraph.className = 'note';
  paragraph.textContent = text;
  return paragraph;
}

picker.addEventListener('change', () => {
  history.replaceState(null, '', picker.value ? `#${picker.value}` : location.pathname);
  showCards(picker.value).catch((failure) => cardList.replaceChildren(note(String(failure))));
});
loadPeople().catch((failure) => cardList.replaceChildren(note(String(failure))));
