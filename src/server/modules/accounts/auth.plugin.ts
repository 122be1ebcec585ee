import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { App } from "../../app.js";
import { runWithReadAfter, setReadAfter } from "../../db/replica.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../http/actor.js";
import {
  CSRF_HEADER,
  INTEGRATION_PREFIX,
  SESSION_COOKIE,
  SESSION_PREFIX,
  sha256,
  TOUCH_INTERVAL_MS,
} from "../../lib/secrets.js";
import { findTokenByHash, touchToken } from "../integration-tokens/index.js";
import { findSessionWithUser, recordSessionWrite, touchSession } from "./session.repository.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What a session whose password must be changed may still call. */
const PASSWORD_CHANGE_ROUTES = new Set([
  "GET /api/v1/me",
  "POST /api/v1/me/password",
  "GET /api/v1/auth/csrf",
  "POST /api/v1/auth/logout",
]);

/** What a session that must enrol a second factor first (center policy) may still call. */
const MFA_ENROLMENT_ROUTES = new Set([
  ...PASSWORD_CHANGE_ROUTES,
  "GET /api/v1/me/mfa",
  "POST /api/v1/me/mfa/totp",
  "POST /api/v1/me/mfa/totp/confirm",
]);

const unauthenticated = (message = "登录状态无效，请重新登录") => new AppError("UNAUTHENTICATED", message);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves `request.actor` on every request from `Authorization: Bearer <token>`
 * or the session cookie. Invalid credentials do not fail the request here:
 * they leave the actor null and record `authError`, which requireActor
 * reports — so public routes keep working for a browser with a stale cookie.
 *
 * Must be installed on the root instance (not inside a registered plugin) so
 * the hook applies to every route of every module.
 *
 * With a read replica it also keeps each session's reads causally consistent (ADR 0019): every
 * API request runs with a read floor, the session's `read_after_lsn` from the lookup, which the
 * replica router honours; a successful write request of a session records the new position.
 */
export function installAuth(app: App): void {
  app.decorateRequest("authError", null);
  const replicated = app.deps.replica !== undefined;
  if (replicated) {
    // Callback style, so the hooks after it and the handler run inside the storage's context.
    app.addHook("onRequest", (req, _reply, done) => {
      if (!req.url.startsWith("/api/")) return done();
      runWithReadAfter(done);
    });
  }
  app.addHook("onRequest", async (req) => {
    // Static files of the web app need no actor: skip the session lookup for them.
    if (!req.url.startsWith("/api/")) return;
    try {
      req.actor = await resolveActor(app, req);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      req.authError = e;
    }
    const actor = req.actor;
    if (
      actor?.kind === "user" &&
      actor.mustChangePassword &&
      !PASSWORD_CHANGE_ROUTES.has(`${req.method} ${req.routeOptions.url}`)
    ) {
      throw new AppError("PASSWORD_CHANGE_REQUIRED", "当前密码不符合安全要求，请先修改密码");
    }
    if (
      actor?.kind === "user" &&
      actor.mustEnrolMfa &&
      !MFA_ENROLMENT_ROUTES.has(`${req.method} ${req.routeOptions.url}`)
    ) {
      throw new AppError(
        "MFA_ENROLMENT_REQUIRED",
        "本中心要求管理员和审计员启用双因素认证，请先绑定动态口令",
      );
    }
  });
  if (replicated) {
    app.addHook("onSend", async (req, reply) => {
      const actor = req.actor;
      if (actor?.kind !== "user" || SAFE_METHODS.has(req.method) || reply.statusCode >= 400) return;
      try {
        await recordSessionWrite(app.deps.db, actor.sessionTokenHash);
      } catch (err) {
        // The write itself has committed: answer it. The session's next reads may then miss it on
        // a lagging standby, as they did before read-your-writes.
        req.log.warn({ err }, "read-your-writes: could not record the session's write position");
      }
    });
  }
}

async function resolveActor(app: App, req: FastifyRequest): Promise<Actor | null> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw unauthenticated("Authorization 头格式应为 Bearer <令牌>");
    const token = m[1];
    if (token.startsWith(SESSION_PREFIX)) return sessionActor(app, req, token, "bearer");
    if (token.startsWith(INTEGRATION_PREFIX)) return integrationActor(app, token);
    throw unauthenticated("令牌无效");
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie?.startsWith(SESSION_PREFIX)) return sessionActor(app, req, cookie, "cookie");
  return null;
}

async function sessionActor(
  app: App,
  req: FastifyRequest,
  token: string,
  via: "cookie" | "bearer",
): Promise<Actor> {
  const { db, clock, config } = app.deps;
  const tokenHash = sha256(token);
  const s = await findSessionWithUser(db, tokenHash);
  if (!s || s.revoked_at) throw unauthenticated();
  if (!s.active) throw unauthenticated("账号已停用");
  const now = clock.now();
  const idleLimit = s.last_seen_at.getTime() + config.sessionIdleMinutes * 60_000;
  if (now.getTime() >= idleLimit || now >= s.expires_at) {
    throw new AppError("SESSION_EXPIRED", "登录已超时，请重新登录");
  }
  // Cookies are sent by the browser on cross-site requests too; only our own
  // page knows the CSRF token, so a write must echo it in a header.
  if (via === "cookie" && !SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !sameSecret(sent, s.csrf_token)) {
      throw new AppError("CSRF_FAILED", "页面已过期或请求来源不明，请刷新页面后重试");
    }
  }
  if (now.getTime() - s.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(db, tokenHash, now, new Date(now.getTime() - TOUCH_INTERVAL_MS));
  }
  // Read-your-writes: this request's replica reads must see the session's last write (no-op
  // without a replica).
  setReadAfter(s.read_after_lsn);
  return {
    kind: "user",
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    post: s.post,
    roles: s.roles,
    centerId: s.center_id,
    departmentId: s.department_id,
    via,
    sessionTokenHash: tokenHash,
    mustChangePassword: s.must_change_password,
    mustEnrolMfa: s.must_enrol_mfa,
  };
}

async function integrationActor(app: App, token: string): Promise<Actor> {
  const { db, clock } = app.deps;
  const t = await findTokenByHash(db, sha256(token));
  if (!t) throw unauthenticated("集成令牌无效");
  if (t.revoked_at) throw unauthenticated("集成令牌已吊销");
  const now = clock.now();
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() >= TOUCH_INTERVAL_MS) {
    await touchToken(db, t.id, now, new Date(now.getTime() - TOUCH_INTERVAL_MS));
  }
  return { kind: "integration", tokenId: t.id, name: t.name, source: t.source, centerId: t.center_id };
}
