import { describe, expect, it } from 'vitest';
import { isDueForReview } from '../../core/src/domain/content-item.ts';
import { validateGroup } from '../../core/src/domain/group.ts';
import { isIsoWeek, isoWeekOf, isoWeekOfDate } from '../../core/src/domain/iso-week.ts';
import { isTimeZone, localeFrom } from '../../core/src/domain/locale.ts';
import { decide } from '../../core/src/domain/membership-request.ts';
import { weeklyHourOf } from '../../core/src/domain/person.ts';
import { weeklyHourSlot } from '../../core/src/domain/weekly-hour-slot.ts';
import { ErrorCode } from '../../core/src/errors.ts';
import { aContentItem, aGroup, aPerson, aRequest, aTenant } from '../support/factories.ts';

describe('ISO week', () => {
  it.each([
    [2026, 1, 1, '2026-W01'],
    [2027, 1, 1, '2026-W53'],
    [2024, 12, 30, '2025-W01'],
    [2021, 1, 3, '2020-W53'],
    [2026, 11, 21, '2026-W47'],
  ])('%i-%i-%i is in %s', (year, month, day, week) => {
    expect(isoWeekOfDate(year, month, day)).toBe(week);
  });

  it('is read on the wall clock of the owner’s time zone', () => {
    // Sunday 23:30 UTC is already Monday in Tokyo, still Sunday in New York.
    const instant = new Date('2026-03-08T23:30:00Z');
    expect(isoWeekOf(instant, 'Asia/Tokyo')).toBe('2026-W11');
    expect(isoWeekOf(instant, 'America/New_York')).toBe('2026-W10');
  });

  it('accepts only well-formed week strings', () => {
    expect(isIsoWeek('2026-W09')).toBe(true);
    expect(isIsoWeek('2026-W54')).toBe(false);
    expect(isIsoWeek('2026-9')).toBe(false);
  });
});

describe('weekly-hour slot', () => {
  it('accepts a weekday and a 24-hour time', () => {
    expect(weeklyHourSlot(7, '23:59')).toEqual({ ok: true, value: { weekday: 7, time: '23:59' } });
  });

  it.each([
    [0, '09:00'],
    [8, '09:00'],
    [1.5, '09:00'],
    [1, '24:00'],
    [1, '9:00'],
    [1, '09:60'],
  ])('refuses weekday %s at %s', (weekday, time) => {
    expect(weeklyHourSlot(weekday, time)).toMatchObject({ ok: false, code: ErrorCode.InvalidInput });
  });

  it('falls back to the tenant default until the person chooses', () => {
    const tenant = aTenant({ defaultWeeklyHour: { weekday: 2, time: '10:00' } });
    expect(weeklyHourOf(aPerson(tenant.id), tenant)).toEqual({ weekday: 2, time: '10:00' });
    const chosen = aPerson(tenant.id, { weeklyHour: { weekday: 4, time: '15:30' } });
    expect(weeklyHourOf(chosen, tenant)).toEqual({ weekday: 4, time: '15:30' });
  });
});

describe('membership request decision', () => {
  const request = aRequest('t', 'g', 'p');
  const at = new Date('2026-03-03T00:00:00Z');

  it('decides a pending request', () => {
    expect(decide(request, { status: 'approved', decidedBy: 'o', decidedAt: at, reason: null })).toEqual({
      ok: true,
      value: { ...request, status: 'approved', decidedBy: 'o', decidedAt: at, reason: null },
    });
  });

  it('refuses a second decision, an anonymous approval and an overlong reason', () => {
    const denied = { ...request, status: 'denied' as const };
    expect(decide(denied, { status: 'approved', decidedBy: 'o', decidedAt: at, reason: null })).toMatchObject({
      code: ErrorCode.AlreadyDecided,
    });
    expect(decide(request, { status: 'approved', decidedBy: null, decidedAt: at, reason: null })).toMatchObject({
      code: ErrorCode.InvalidInput,
    });
    expect(decide(request, { status: 'denied', decidedBy: 'o', decidedAt: at, reason: 'x'.repeat(501) })).toMatchObject(
      {
        code: ErrorCode.InvalidInput,
      },
    );
    expect(decide(request, { status: 'expired', decidedBy: null, decidedAt: at, reason: null }).ok).toBe(true);
  });
});

describe('group invariants', () => {
  it('needs a name, at least one owner, no owner twice and a positive review interval', () => {
    expect(validateGroup(aGroup('t', ['o'])).ok).toBe(true);
    expect(validateGroup(aGroup('t', []))).toMatchObject({ code: ErrorCode.InvalidInput });
    expect(validateGroup(aGroup('t', ['o', 'o']))).toMatchObject({ code: ErrorCode.InvalidInput });
    expect(validateGroup(aGroup('t', ['o'], { name: ' ' }))).toMatchObject({ code: ErrorCode.InvalidInput });
    expect(validateGroup(aGroup('t', ['o'], { reviewIntervalDays: 0 }))).toMatchObject({
      code: ErrorCode.InvalidInput,
    });
  });
});

describe('content review', () => {
  const now = new Date('2026-06-01T00:00:00Z');

  it('is due when neither a change nor a review happened within the interval', () => {
    const old = aContentItem('t', 'g', { lastChangedAt: new Date('2026-01-01T00:00:00Z') });
    expect(isDueForReview(old, 90, now)).toBe(true);
    expect(isDueForReview({ ...old, lastReviewedAt: new Date('2026-05-01T00:00:00Z') }, 90, now)).toBe(false);
    expect(isDueForReview({ ...old, reviewIntervalDays: 365 }, 90, now)).toBe(false);
    expect(isDueForReview({ ...old, state: 'archived' }, 90, now)).toBe(false);
  });
});

describe('locale and time zone', () => {
  it('maps platform locales to a catalogue language, English otherwise', () => {
    expect(localeFrom('fr-FR')).toBe('fr');
    expect(localeFrom('ru_RU')).toBe('ru');
    expect(localeFrom('de-DE')).toBe('en');
    expect(localeFrom(undefined)).toBe('en');
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+01:00')).toBe(false);
  });
});
