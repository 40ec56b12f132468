export interface SortState {
  readonly key: string;
  readonly order: 'asc' | 'desc';
}

export function sortOf(query: URLSearchParams, fallback: string): SortState {
  return { key: query.get('sort') ?? fallback, order: query.get('order') === 'desc' ? 'desc' : 'asc' };
}

/** A column header that sorts by its column: says how it is sorted (aria-sort), and a press turns the order. */
export function SortHeader(props: {
  sortKey: string;
  label: string;
  sort: SortState;
  onSort: (sort: SortState) => void;
  numeric?: boolean | undefined;
}) {
  const active = props.sort.key === props.sortKey;
  const order = active && props.sort.order === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      class={props.numeric ? 'num' : undefined}
      aria-sort={active ? (props.sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" class="sort" onClick={() => props.onSort({ key: props.sortKey, order })}>
        {props.label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (props.sort.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
