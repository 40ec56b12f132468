import { type DayRange, shiftDay } from '../../../domain/days.ts';
import type { GroupHealthDay } from '../../../domain/group-health.ts';
import { HEALTH_COMPONENTS, type HealthComponent } from '../../../domain/health.ts';
import type {
  HealthSnapshotRepository,
  OverviewPage,
  OverviewQuery,
  OverviewRow,
  OverviewSort,
  OwnerName,
  SnapshotDay,
} from '../../../ports/store/health-snapshots.ts';
import type { Collections, GroupDocument, GroupHealthDayDocument } from '../models.ts';

function toHealth(doc: GroupHealthDayDocument): GroupHealthDay {
  return {
    groupId: doc.groupId,
    day: doc.day,
    measuredAt: doc.measuredAt,
    score: doc.score,
    components: { ...doc.components },
    members: doc.members,
    weeklyActive: doc.weeklyActive,
    monthlyActive: doc.monthlyActive,
    activeRatio: doc.activeRatio,
    joined: doc.joined,
    left: doc.left,
    questionsWaiting: doc.questionsWaiting,
    requestsWaiting: doc.requestsWaiting,
    contentDue: doc.contentDue,
    activeOwners: doc.activeOwners,
    flags: [...doc.flags],
  };
}

/** What each sort orders by; rows without it (not measured) come last either way. */
const SORT_KEYS: Readonly<Record<OverviewSort, unknown>> = {
  score: '$h.score',
  name: '$name',
  platform: '$platformRef.platform',
  owners: '$h.activeOwners',
  members: '$h.members',
  weeklyActive: '$h.weeklyActive',
  monthlyActive: '$h.monthlyActive',
  activeRatio: '$h.activeRatio',
  trend: { $subtract: ['$h.score', '$b.score'] },
  flags: { $cond: [{ $isArray: '$h.flags' }, { $size: '$h.flags' }, null] },
  ...(Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, `$h.components.${c}`])) as Record<HealthComponent, string>),
};

/** A group's row of a day, looked up by its key. */
const rowOf = (tenantId: string, day: string, as: string) => ({
  $lookup: {
    from: 'group_health_days',
    let: { groupId: '$_id' },
    pipeline: [
      {
        $match: {
          $expr: {
            $and: [{ $eq: ['$tenantId', tenantId] }, { $eq: ['$groupId', '$$groupId'] }, { $eq: ['$day', day] }],
          },
        },
      },
    ],
    as,
  },
});

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type OverviewDocument = Pick<GroupDocument, '_id' | 'name' | 'platformRef' | 'ownerIds'> & {
  h: GroupHealthDayDocument | null;
  b: GroupHealthDayDocument | null;
  owners: { _id: string; displayName: string; deactivatedAt?: Date | null }[];
};

/** The page's owners' names, in the group's order. */
const ownersOf = (doc: OverviewDocument): OwnerName[] => {
  const byId = new Map(doc.owners.map((o) => [o._id, o]));
  return doc.ownerIds.flatMap((id) => {
    const owner = byId.get(id);
    return owner ? [{ personId: id, displayName: owner.displayName, deactivated: owner.deactivatedAt != null }] : [];
  });
};

/** The daily health snapshot, with the semantics of the PostgreSQL store. */
export class MongoHealthSnapshots implements HealthSnapshotRepository {
  readonly #c: Pick<Collections, 'groups' | 'groupHealthDays' | 'healthSnapshotDays'>;
  constructor(collections: Pick<Collections, 'groups' | 'groupHealthDays' | 'healthSnapshotDays'>) {
    this.#c = collections;
  }

  async save(tenantId: string, rows: readonly GroupHealthDay[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#c.groupHealthDays.bulkWrite(
      rows.map((row) => ({
        replaceOne: {
          filter: { tenantId, groupId: row.groupId, day: row.day },
          replacement: { tenantId, ...row, components: { ...row.components }, flags: [...row.flags] },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async markDay(tenantId: string, day: SnapshotDay): Promise<void> {
    await this.#c.healthSnapshotDays.updateOne(
      { tenantId, day: day.day },
      { $set: { final: day.final, measuredAt: day.measuredAt, groups: day.groups } },
      { upsert: true },
    );
  }

  async days(tenantId: string, range: DayRange): Promise<SnapshotDay[]> {
    const docs = await this.#c.healthSnapshotDays
      .find({ tenantId, day: { $gte: range.from, $lte: range.to } })
      .sort({ day: 1 })
      .toArray();
    return docs.map((doc) => ({ day: doc.day, final: doc.final, measuredAt: doc.measuredAt, groups: doc.groups }));
  }

  async series(tenantId: string, groupId: string, range: DayRange): Promise<GroupHealthDay[]> {
    const docs = await this.#c.groupHealthDays
      .find({ tenantId, groupId, day: { $gte: range.from, $lte: range.to } })
      .sort({ day: 1 })
      .toArray();
    return docs.map(toHealth);
  }

  /** Two statements: the latest marked day, then the groups with their rows of it, counted and paged. */
  async overview(tenantId: string, query: OverviewQuery): Promise<OverviewPage> {
    const latest = await this.#c.healthSnapshotDays
      .find({ tenantId }, { projection: { day: 1 } })
      .sort({ day: -1 })
      .limit(1)
      .next();
    const day = latest?.day ?? null;
    const [page] = await this.#c.groups
      .aggregate<{ total: { n: number }[]; rows: OverviewDocument[] }>(
        [
          {
            $match: {
              tenantId,
              // Groups saved before groups had a state are active.
              state: { $in: ['active', null] },
              ...(query.platform === null ? {} : { 'platformRef.platform': query.platform }),
              ...(query.search === null ? {} : { name: { $regex: escapeRegex(query.search), $options: 'i' } }),
              ...(query.groupIds === null ? {} : { _id: { $in: [...query.groupIds] } }),
            },
          },
          { $project: { name: 1, platformRef: 1, ownerIds: 1 } },
          rowOf(tenantId, day ?? '', 'h'),
          rowOf(tenantId, day === null ? '' : shiftDay(day, -query.trendDays), 'b'),
          { $set: { h: { $first: '$h' }, b: { $first: '$b' } } },
          ...(query.flags.length === 0 ? [] : [{ $match: { 'h.flags': { $all: [...query.flags] } } }]),
          ...(query.scoreRanges.length === 0
            ? []
            : [{ $match: { $or: query.scoreRanges.map((r) => ({ 'h.score': { $gte: r.min, $lt: r.max } })) } }]),
          { $set: { sortKey: SORT_KEYS[query.sort] } },
          { $set: { unsorted: { $cond: [{ $eq: [{ $ifNull: ['$sortKey', null] }, null] }, 1, 0] } } },
          {
            $facet: {
              total: [{ $count: 'n' }],
              rows: [
                { $sort: { unsorted: 1, sortKey: query.descending ? -1 : 1, name: 1, _id: 1 } },
                { $skip: query.offset },
                { $limit: query.limit },
                {
                  $lookup: {
                    from: 'people',
                    let: { ownerIds: '$ownerIds' },
                    pipeline: [
                      {
                        $match: {
                          $expr: { $and: [{ $eq: ['$tenantId', tenantId] }, { $in: ['$_id', '$$ownerIds'] }] },
                        },
                      },
                      { $project: { displayName: 1, deactivatedAt: 1 } },
                    ],
                    as: 'owners',
                  },
                },
              ],
            },
          },
        ],
        { allowDiskUse: true },
      )
      .toArray();
    return {
      day,
      total: page?.total[0]?.n ?? 0,
      rows: (page?.rows ?? []).map(
        (doc): OverviewRow => ({
          groupId: doc._id,
          name: doc.name,
          platform: doc.platformRef.platform,
          owners: ownersOf(doc),
          health: doc.h ? toHealth(doc.h) : null,
          scoreBefore: doc.b?.score ?? null,
        }),
      ),
    };
  }
}
