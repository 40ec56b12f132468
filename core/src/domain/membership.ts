/** A person's membership of a group; `leftAt` is set when they leave and cleared if they rejoin. */
export interface Membership {
  readonly tenantId: string;
  readonly groupId: string;
  readonly personId: string;
  readonly joinedAt: Date;
  readonly leftAt: Date | null;
}

export function isCurrentMember(membership: Membership | null): boolean {
  return membership !== null && membership.leftAt === null;
}
