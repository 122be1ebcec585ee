import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../../contracts/enums.js";
import { AppError } from "../errors.js";

/** Who is making a request, resolved once per request by the auth plugin. */
export type Actor =
  | {
      kind: "user";
      userId: string;
      username: string;
      displayName: string;
      post: string | null;
      roles: Role[];
      centerId: string;
      departmentId: string | null;
      /** Set when authenticated by session cookie: writes must carry this CSRF token. */
      via: "cookie" | "bearer";
      sessionTokenHash: string;
      /** The password must be changed first: only the routes of PASSWORD_CHANGE_ROUTES answer. */
      mustChangePassword?: boolean;
      /** The center requires a second factor of this role and none is enrolled: only MFA_ENROLMENT_ROUTES answer. */
      mustEnrolMfa?: boolean;
    }
  | {
      kind: "integration";
      tokenId: string;
      name: string;
      /** e.g. "hotline_12345" */
      source: string;
      centerId: string;
    };

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /**
     * Why credentials sent with the request were not accepted (expired session,
     * revoked token, missing CSRF header). Public routes ignore it; requireActor
     * reports it instead of a plain "not signed in".
     */
    authError: AppError | null;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw req.authError ?? new AppError("UNAUTHENTICATED", "请先登录");
  return req.actor;
}

export function requireUser(req: FastifyRequest): Extract<Actor, { kind: "user" }> {
  const a = requireActor(req);
  if (a.kind !== "user") throw new AppError("FORBIDDEN", "此操作需要工作人员账号");
  return a;
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return actor?.kind === "user" && actor.roles.some((r) => roles.includes(r));
}

/** What a route guard admits, recorded for the route table (the authorization matrix test reads it). */
export interface Access {
  /** Staff roles admitted; empty = any signed-in staff user. */
  roles: Role[];
  /** Integration tokens (12345 and other systems) admitted too. */
  integration: boolean;
}
const accessOfGuard = new WeakMap<object, Access>();

/** The access a preValidation hook (or hook list) of a route declares, if it is an allow() guard. */
export function declaredAccess(preValidation: unknown): Access | null {
  const hooks = Array.isArray(preValidation) ? preValidation : [preValidation];
  for (const h of hooks) {
    const a = typeof h === "function" ? accessOfGuard.get(h) : undefined;
    if (a) return a;
  }
  return null;
}

/**
 * Route guard (use as preValidation, so sign-in is checked before input): signed-in user holding one of `roles` (any staff role when empty).
 * `integration: true` also admits integration tokens (12345 and other systems).
 */
export function allow(roles: Role[], opts: { integration?: boolean } = {}) {
  const guard = async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const a = requireActor(req);
    if (a.kind === "integration") {
      if (opts.integration) return;
      throw new AppError("FORBIDDEN", "集成令牌无权访问此接口");
    }
    if (roles.length > 0 && !a.roles.some((r) => roles.includes(r))) {
      throw new AppError("FORBIDDEN", "当前角色无权执行此操作");
    }
  };
  accessOfGuard.set(guard, { roles: [...roles], integration: opts.integration === true });
  return guard;
}

/** Any signed-in staff user. */
export const staffOnly = allow([]);

export type UserActor = Extract<Actor, { kind: "user" }>;

/** The actor columns of an audit entry (appendAudit) for this actor. */
export function auditFields(actor: Actor): { centerId: string; actorId: string | null; actorName: string } {
  return actor.kind === "user"
    ? { centerId: actor.centerId, actorId: actor.userId, actorName: actor.username }
    : { centerId: actor.centerId, actorId: null, actorName: `integration:${actor.name}` };
}
