import type { Role } from "../../../contracts/enums.js";
import type { Actor, UserActor } from "../../http/actor.js";

/**
 * Who records or acts on an appeal. Besides signed-in staff and integration
 * tokens, the public portal creates appeals without an account.
 */
export type IntegrationActor = Extract<Actor, { kind: "integration" }>;
export type PublicActor = { kind: "public"; centerId: string };
export type IntakeActor = UserActor | IntegrationActor | PublicActor;

export interface EventActor {
  actorId: string | null;
  actorName: string;
  actorKind: "user" | "integration" | "public" | "system";
}

/** How the actor appears in the appeal's timeline (staff by display name: they identify themselves). */
export function eventActor(a: IntakeActor): EventActor {
  switch (a.kind) {
    case "user":
      return { actorId: a.userId, actorName: a.displayName, actorKind: "user" };
    case "integration":
      return { actorId: a.tokenId, actorName: a.name, actorKind: "integration" };
    case "public":
      return { actorId: null, actorName: "诉求人（网上提交）", actorKind: "public" };
  }
}

export const SYSTEM_ACTOR: EventActor = { actorId: null, actorName: "系统", actorKind: "system" };

/** The actor columns of an audit entry. */
export function auditActor(a: IntakeActor): { actorId: string | null; actorName: string } {
  switch (a.kind) {
    case "user":
      return { actorId: a.userId, actorName: a.username };
    case "integration":
      return { actorId: null, actorName: `integration:${a.name}` };
    case "public":
      return { actorId: null, actorName: "public" };
  }
}

/** Idempotency keys are per caller: a key of one caller never replays another's response. */
export function idempotencyScope(a: IntakeActor, ip: string | null): string {
  switch (a.kind) {
    case "user":
      return `user:${a.userId}`;
    case "integration":
      return `integration:${a.tokenId}`;
    case "public":
      return `public:${a.centerId}:${ip ?? "unknown"}`;
  }
}

/**
 * Roles that may see a requester's full phone number — always through the reveal rule
 * (a reason, a timeline event, an audit entry). Everyone else sees it masked, and a
 * search by a full number confirms nothing to them (PIPL: least access to personal data).
 */
export const PHONE_REVEALERS: Role[] = ["window", "dispatcher", "supervisor", "admin"];

export const canRevealPhone = (actor: UserActor): boolean =>
  actor.roles.some((r) => PHONE_REVEALERS.includes(r));
