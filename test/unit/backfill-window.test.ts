import { describe, expect, it } from 'vitest';
import { backfillWindow, isBackfillDays } from '../../core/src/domain/backfill.ts';
import { rawEventsCutoff } from '../../core/src/domain/privacy.ts';

const at = (iso: string) => new Date(iso);

describe('the window a backfill reads', () => {
  it('ends when the group was registered and goes back the days asked', () => {
    expect(backfillWindow(at('2026-11-01T09:00:00Z'), at('2026-12-01T00:00:00Z'), 30, 13)).toEqual({
      since: at('2026-10-02T09:00:00Z'),
      until: at('2026-11-01T09:00:00Z'),
    });
  });

  it('never reaches past the raw-event retention, where what was counted can no longer be told from what was not', () => {
    const now = at('2026-12-01T00:00:00Z');
    expect(backfillWindow(at('2026-11-20T00:00:00Z'), now, 365, 1)).toEqual({
      since: rawEventsCutoff(now, 1),
      until: at('2026-11-20T00:00:00Z'),
    });
    // Registered before the retention's start: there is nothing left to read.
    expect(backfillWindow(at('2026-10-15T00:00:00Z'), now, 90, 1)).toBeNull();
  });

  it('ends now for a group whose registration is in the future (a clock set wrong)', () => {
    const now = at('2026-12-01T00:00:00Z');
    expect(backfillWindow(at('2027-01-01T00:00:00Z'), now, 1, 13)?.until).toEqual(now);
  });

  it('takes whole days from 1 to 3,660', () => {
    expect([0, 1, 90, 3_660, 3_661, 1.5, Number.NaN].map(isBackfillDays)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
