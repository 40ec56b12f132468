import type { mongo } from 'mongoose';
import { DEFAULT_RESPONSE_TARGET_HOURS } from '../../../domain/group.ts';
import { ESCALATION_STEPS, type EscalationStep } from '../../../domain/question-escalation.ts';
import type { Question } from '../../../domain/rollups.ts';
import type { Listed } from '../../../ports/store/contributions.ts';
import type {
  EscalatingQuestionRow,
  QuestionCursor,
  QuestionEscalationRepository,
} from '../../../ports/store/question-escalations.ts';
import type { Collections, QuestionDocument } from '../models.ts';

const LAST_STEP: EscalationStep = ESCALATION_STEPS.at(-1)!;
const OPTIONS = { allowDiskUse: true };
const OLDEST_FIRST = { askedAt: 1, groupId: 1, threadId: 1 } as const;

/** The question's group, when it is active (a group saved before groups had a state is active), with its target. */
const ACTIVE_GROUP = [
  {
    $lookup: {
      from: 'groups',
      let: { tenantId: '$tenantId', groupId: '$groupId' },
      pipeline: [
        { $match: { $expr: { $and: [{ $eq: ['$tenantId', '$$tenantId'] }, { $eq: ['$_id', '$$groupId'] }] } } },
        { $match: { state: { $in: ['active', null] } } },
        { $project: { responseTargetHours: 1 } },
      ],
      as: 'group',
    },
  },
  { $unwind: '$group' },
];

type Found = QuestionDocument & { group: { responseTargetHours?: number } };

const toRow = (doc: Found): EscalatingQuestionRow => ({
  groupId: doc.groupId,
  threadId: doc.threadId,
  askerId: doc.askerId,
  askedAt: doc.askedAt,
  firstResponseAt: doc.firstResponseAt,
  escalation: doc.escalation ?? null,
  responseTargetHours: doc.group.responseTargetHours ?? DEFAULT_RESPONSE_TARGET_HOURS,
});

/** The ladder's record on MongoDB, with the PostgreSQL store's semantics; `escalation` is absent on questions never escalated. */
export class MongoQuestionEscalations implements QuestionEscalationRepository {
  readonly #questions: mongo.Collection<QuestionDocument>;
  constructor(collections: Pick<Collections, 'questions'>) {
    this.#questions = collections.questions;
  }

  async listOpen(
    tenantId: string,
    asked: { from: Date; before: Date },
    limit: number,
    after: QuestionCursor | null = null,
  ): Promise<EscalatingQuestionRow[]> {
    const later = after
      ? [
          {
            $or: [
              { askedAt: { $gt: after.askedAt } },
              { askedAt: after.askedAt, groupId: { $gt: after.groupId } },
              { askedAt: after.askedAt, groupId: after.groupId, threadId: { $gt: after.threadId } },
            ],
          },
        ]
      : [];
    const docs = await this.#questions
      .aggregate<Found>(
        [
          {
            $match: {
              $and: [
                {
                  tenantId,
                  firstResponseAt: null,
                  askedAt: { $gte: asked.from, $lt: asked.before },
                  escalation: { $ne: LAST_STEP },
                },
                ...later,
              ],
            },
          },
          { $sort: OLDEST_FIRST },
          ...ACTIVE_GROUP,
          { $limit: limit },
        ],
        OPTIONS,
      )
      .toArray();
    return docs.map(toRow);
  }

  async advance(
    tenantId: string,
    question: Pick<Question, 'groupId' | 'threadId'>,
    from: EscalationStep | null,
    to: EscalationStep,
  ): Promise<boolean> {
    // `escalation: null` also matches a question saved before the field existed.
    const { modifiedCount } = await this.#questions.updateOne(
      { tenantId, groupId: question.groupId, threadId: question.threadId, firstResponseAt: null, escalation: from },
      { $set: { escalation: to } },
    );
    return modifiedCount > 0;
  }

  async listAtStep(tenantId: string, step: EscalationStep, limit: number): Promise<Listed<Question>> {
    const [found] = await this.#questions
      .aggregate<{ items: Found[]; total: { n: number }[] }>(
        [
          { $match: { tenantId, firstResponseAt: null, escalation: step } },
          { $sort: OLDEST_FIRST },
          ...ACTIVE_GROUP,
          { $facet: { items: [{ $limit: limit }], total: [{ $count: 'n' }] } },
        ],
        OPTIONS,
      )
      .toArray();
    const items = (found?.items ?? []).map((doc) => {
      const { escalation: _, responseTargetHours: __, ...question } = toRow(doc);
      return question;
    });
    return { items, total: found?.total[0]?.n ?? 0 };
  }
}
