import type { MessageOwnersOutcome } from '@steward/core';
import { useState } from 'preact/hooks';
import { postJson } from '../api.ts';
import { useViewer } from '../viewer.ts';
import { Dialog } from './dialog.tsx';

type Sending =
  | { readonly state: 'editing' }
  | { readonly state: 'sending' }
  | { readonly state: 'sent'; readonly outcome: MessageOwnersOutcome }
  | { readonly state: 'failed'; readonly detail: string };

/** A community manager's message to the owners of the groups selected, with a note of their own. */
export function MessageOwners({
  open,
  groupIds,
  onClose,
  onSent,
}: {
  open: boolean;
  groupIds: readonly string[];
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useViewer();
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<Sending>({ state: 'editing' });
  const close = () => {
    setSending({ state: 'editing' });
    onClose();
  };
  const send = async (event: Event) => {
    event.preventDefault();
    setSending({ state: 'sending' });
    try {
      const outcome = await postJson<MessageOwnersOutcome>('/api/v1/groups/message', { groupIds, note });
      setSending({ state: 'sent', outcome });
      setNote('');
      onSent();
    } catch (error) {
      setSending({ state: 'failed', detail: (error as Error).message });
    }
  };
  return (
    <Dialog open={open} title={t('dashboard.message_dialog.title')} onClose={close}>
      {sending.state === 'sent' ? (
        <p role="status">
          {/* No message on a second send of the same selection the same day: the owners were asked already. */}
          {sending.outcome.messages === 0 && sending.outcome.owners > 0
            ? t('dashboard.message.already_sent', { count: sending.outcome.owners })
            : t('dashboard.message.sent', { count: sending.outcome.owners })}
        </p>
      ) : (
        <form id="message-form" onSubmit={send}>
          <p>{t('dashboard.message.intro', { count: groupIds.length })}</p>
          <label class="field">
            <span>{t('dashboard.message_dialog.note')}</span>
            <textarea rows={4} maxLength={1000} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
          </label>
          {sending.state === 'failed' && (
            <p role="alert">{t('dashboard.message.failed', { detail: sending.detail })}</p>
          )}
        </form>
      )}
      <div class="dialog-actions">
        {sending.state !== 'sent' && (
          <button
            type="submit"
            form="message-form"
            class="primary"
            disabled={sending.state === 'sending' || groupIds.length === 0}
          >
            {sending.state === 'sending' ? t('dashboard.message.sending') : t('dashboard.message.send')}
          </button>
        )}
        <button type="button" onClick={close}>
          {t('dashboard.message.close')}
        </button>
      </div>
    </Dialog>
  );
}
