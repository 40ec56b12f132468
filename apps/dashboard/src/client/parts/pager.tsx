import type { MessageKey } from '@steward/core/browser';
import { useViewer } from '../viewer.ts';

export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** Where this page is among all, and the way to the others (the server pages). */
export function Pager(props: {
  total: number;
  offset: number;
  limit: number;
  range: MessageKey;
  onPage: (offset: number) => void;
  onSize?: (limit: number) => void;
}) {
  const { t, number } = useViewer();
  const { total, offset, limit } = props;
  const to = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={t('dashboard.pages')}>
      <p role="status">
        {total === 0 ? '' : t(props.range, { from: number(offset + 1), to: number(to), total: number(total) })}
      </p>
      <button type="button" disabled={offset === 0} onClick={() => props.onPage(Math.max(0, offset - limit))}>
        {t('dashboard.page.previous')}
      </button>
      <button type="button" disabled={to >= total} onClick={() => props.onPage(offset + limit)}>
        {t('dashboard.page.next')}
      </button>
      {props.onSize && (
        <label>
          {t('dashboard.page.size')}{' '}
          <select value={String(limit)} onChange={(event) => props.onSize!(Number(event.currentTarget.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={String(size)}>
                {number(size)}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}
