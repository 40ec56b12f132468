import type { ComponentChildren } from 'preact';
import type { Loaded } from '../api.ts';
import { useViewer } from '../viewer.ts';

/** What was asked for once it came; until then a status, and a way to try again if it failed. */
export function Await<T>({
  loaded,
  retry,
  children,
}: {
  loaded: Loaded<T>;
  retry: () => void;
  children: (value: T) => ComponentChildren;
}) {
  const { t } = useViewer();
  if (loaded.state === 'loading') return <p role="status">{t('dashboard.loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <div role="alert" class="failure">
        <p>{t('dashboard.failed', { detail: loaded.error.message })}</p>
        <button type="button" onClick={retry}>
          {t('dashboard.retry')}
        </button>
      </div>
    );
  }
  return <>{children(loaded.value)}</>;
}
