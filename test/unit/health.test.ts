import { describe, expect, it } from 'vitest';
import { assessGroup, type GroupFigures } from '../../core/src/domain/group-health.ts';
import {
  DEFAULT_HEALTH_WEIGHTS,
  HEALTH_COMPONENTS,
  type HealthComponents,
  type HealthInputs,
  healthComponents,
  healthScore,
  validateHealthWeights,
} from '../../core/src/domain/health.ts';
import { ErrorCode } from '../../core/src/errors.ts';

const inputs = (overrides: Partial<HealthInputs> = {}): HealthInputs => ({
  activeRatio: 0.2,
  growthRate: 0,
  withinTarget: 0.75,
  freshContent: 0.5,
  lookedAfterWeeks: 0.625,
  activeOwners: 2,
  hasPurpose: true,
  ...overrides,
});

describe('health components, each 0–100', () => {
  it('scores activity linearly from 0% active to 40% and more', () => {
    const activity = (activeRatio: number) => healthComponents(inputs({ activeRatio })).activity;
    expect([0, 0.1, 0.2, 0.4, 0.9].map(activity)).toEqual([0, 25, 50, 100, 100]);
  });

  it('scores growth 0 at −10% or worse, 70 when stable, 100 at +5% or better', () => {
    const growth = (growthRate: number) => healthComponents(inputs({ growthRate })).growth;
    expect([-0.5, -0.1, -0.05, 0, 0.025, 0.05, 1].map(growth)).toEqual([0, 0, 35, 70, 85, 100, 100]);
  });

  it('scores responsiveness, freshness and owner engagement as percentages, rounded', () => {
    expect(healthComponents(inputs({ withinTarget: 2 / 3, freshContent: 0.5, lookedAfterWeeks: 0.625 }))).toMatchObject(
      {
        responsiveness: 67,
        freshness: 50,
        ownerEngagement: 63,
      },
    );
  });

  it('scores ownership 0 ownerless, 50 with a single owner, 100 covered; purpose 100 or 0', () => {
    expect([0, 1, 2, 5].map((activeOwners) => healthComponents(inputs({ activeOwners })).ownership)).toEqual([
      0, 50, 100, 100,
    ]);
    expect(healthComponents(inputs({ hasPurpose: false })).purpose).toBe(0);
    expect(healthComponents(inputs()).purpose).toBe(100);
  });

  it('leaves out what cannot be computed: no members, no question, no content, no card yet', () => {
    const components = healthComponents(
      inputs({ activeRatio: null, growthRate: null, withinTarget: null, freshContent: null, lookedAfterWeeks: null }),
    );
    expect(components).toEqual({
      activity: null,
      growth: null,
      responsiveness: null,
      freshness: null,
      ownerEngagement: null,
      ownership: 100,
      purpose: 100,
    });
  });
});

describe('health score', () => {
  const all = (score: number): HealthComponents =>
    Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, score])) as HealthComponents;

  it('has documented default weights adding up to 100', () => {
    expect(DEFAULT_HEALTH_WEIGHTS).toEqual({
      activity: 30,
      growth: 10,
      responsiveness: 15,
      freshness: 10,
      ownerEngagement: 15,
      ownership: 15,
      purpose: 5,
    });
    expect(Object.values(DEFAULT_HEALTH_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('is the weighted mean of the components', () => {
    const components = {
      activity: 50,
      growth: 70,
      responsiveness: 80,
      freshness: 40,
      ownerEngagement: 100,
      ownership: 50,
      purpose: 0,
    };
    // (50·30 + 70·10 + 80·15 + 40·10 + 100·15 + 50·15 + 0·5) / 100 = 6050 / 100
    expect(healthScore(components, DEFAULT_HEALTH_WEIGHTS)).toBe(61);
    expect(healthScore(all(73), DEFAULT_HEALTH_WEIGHTS)).toBe(73);
  });

  it('renormalises the weights over the components computed', () => {
    const components = {
      activity: 40,
      growth: null,
      responsiveness: null,
      freshness: 100,
      ownerEngagement: null,
      ownership: 100,
      purpose: 100,
    };
    // (40·30 + 100·10 + 100·15 + 100·5) / (30 + 10 + 15 + 5) = 4200 / 60
    expect(healthScore(components, DEFAULT_HEALTH_WEIGHTS)).toBe(70);
  });

  it('follows the tenant’s weights, and has no score when nothing weighted could be computed', () => {
    const weights = {
      activity: 1,
      growth: 0,
      responsiveness: 0,
      freshness: 0,
      ownerEngagement: 0,
      ownership: 0,
      purpose: 3,
    };
    expect(healthScore({ ...all(0), activity: 100 }, weights)).toBe(25);
    expect(healthScore({ ...all(100), activity: null, purpose: null }, weights)).toBeNull();
  });
});

describe('health weights as a tenant sets them', () => {
  it('accepts whole numbers from 0 to 100 for every component', () => {
    const weights = {
      activity: 100,
      growth: 0,
      responsiveness: 0,
      freshness: 0,
      ownerEngagement: 0,
      ownership: 0,
      purpose: 0,
    };
    expect(validateHealthWeights(weights)).toEqual({ ok: true, value: weights });
  });

  it.each([
    ['a missing component', { ...DEFAULT_HEALTH_WEIGHTS, purpose: undefined }],
    ['a fraction', { ...DEFAULT_HEALTH_WEIGHTS, growth: 2.5 }],
    ['a negative weight', { ...DEFAULT_HEALTH_WEIGHTS, growth: -1 }],
    ['a weight over 100', { ...DEFAULT_HEALTH_WEIGHTS, growth: 101 }],
    ['text', { ...DEFAULT_HEALTH_WEIGHTS, growth: '10' }],
    ['an unknown component', { ...DEFAULT_HEALTH_WEIGHTS, vibes: 10 }],
    ['every weight 0', Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, 0]))],
  ])('refuses %s', (_, weights) => {
    expect(validateHealthWeights(weights)).toMatchObject({
      ok: false,
      code: ErrorCode.InvalidInput,
      params: { field: 'weights' },
    });
  });
});

describe('a group assessed from its figures', () => {
  const figures = (overrides: Partial<GroupFigures> = {}): GroupFigures => ({
    groupId: 'g',
    day: '2026-03-10',
    measuredAt: new Date('2026-03-10T12:00:00Z'),
    members: 50,
    weeklyActive: 12,
    monthlyActive: 20,
    engaged: 10,
    joined: 6,
    left: 1,
    responses: { within: 3, late: 1, waiting: 0, pending: 2 },
    requestsWaiting: 0,
    content: { items: 4, due: 0, share: 1 },
    activeOwners: 2,
    owners: { weeks: 8, lookedAfter: 8, share: 1, medianFirstActionMs: 3_600_000 },
    hasPurpose: true,
    ...overrides,
  });

  it('scores a healthy group, with its components and figures, and raises no flag', () => {
    // Active ratio 20/50 = 40% → 100; growth +5/45 = 11% → 100; 3 of 4 within target → 75.
    const health = assessGroup(figures(), DEFAULT_HEALTH_WEIGHTS);
    expect(health).toMatchObject({
      components: {
        activity: 100,
        growth: 100,
        responsiveness: 75,
        freshness: 100,
        ownerEngagement: 100,
        ownership: 100,
        purpose: 100,
      },
      score: 96,
      members: 50,
      weeklyActive: 12,
      monthlyActive: 20,
      activeRatio: 0.4,
      joined: 6,
      left: 1,
      flags: [],
    });
  });

  it('raises every flag that applies, in the table’s order', () => {
    const health = assessGroup(
      figures({
        engaged: 2,
        activeOwners: 0,
        hasPurpose: false,
        requestsWaiting: 2,
        responses: { within: 0, late: 0, waiting: 1, pending: 0 },
        content: { items: 2, due: 1, share: 0.5 },
      }),
      DEFAULT_HEALTH_WEIGHTS,
    );
    expect(health.flags).toEqual([
      'idle',
      'ownerless',
      'no_purpose',
      'requests_waiting',
      'questions_waiting',
      'content_overdue',
    ]);
    expect(health.questionsWaiting).toBe(1);
    expect(health.contentDue).toBe(1);
    expect(assessGroup(figures({ activeOwners: 1 }), DEFAULT_HEALTH_WEIGHTS).flags).toEqual(['single_owner']);
  });
});
