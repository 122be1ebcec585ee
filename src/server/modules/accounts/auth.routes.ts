import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  changePasswordSchema,
  csrfTokenSchema,
  loginRequestSchema,
  loginResponseSchema,
  meSchema,
} from "../../../contracts/accounts.js";
import { okSchema } from "../../../contracts/common.js";
import type { App } from "../../app.js";
import { AppError } from "../../errors.js";
import { requireUser, staffOnly } from "../../http/actor.js";
import { CSRF_HEADER, SESSION_COOKIE } from "../../lib/secrets.js";
import { changePassword, getMe, login, logout } from "./auth.service.js";
import { findCsrfToken } from "./session.repository.js";

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const opts = {
    httpOnly: true,
    sameSite: "strict" as const,
    path: "/",
    secure: req.protocol === "https",
  };
  if (token) reply.setCookie(SESSION_COOKIE, token, opts);
  else reply.clearCookie(SESSION_COOKIE, opts);
}

export async function authRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, config, clock } = app.deps;

  app.post(
    "/api/v1/auth/login",
    {
      // Brute force across accounts from one address; per-account guessing is stopped by the lockout.
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "登录",
        security: [],
        body: loginRequestSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (req, reply) => {
      const result = await login(db, config, req.body, { now: clock.now(), ip: req.ip });
      setSessionCookie(req, reply, result.token);
      return result;
    },
  );

  app.post(
    "/api/v1/auth/logout",
    { schema: { tags: ["auth"], summary: "退出登录", response: { 200: okSchema } } },
    async (req, reply) => {
      // A cross-site request must not be able to sign the user out either.
      if (req.authError?.code === "CSRF_FAILED") throw req.authError;
      if (req.actor?.kind === "user") await logout(db, req.actor, { now: clock.now(), ip: req.ip });
      setSessionCookie(req, reply, null);
      return { ok: true as const };
    },
  );

  // A new tab (or a reload that lost sessionStorage) still has the cookie but not the CSRF token;
  // it asks here. Safe: another site cannot read this response (same-origin policy).
  app.get(
    "/api/v1/auth/csrf",
    {
      preValidation: staffOnly,
      schema: {
        tags: ["auth"],
        summary: "取回当前会话的 CSRF 令牌",
        response: { 200: csrfTokenSchema },
      },
    },
    async (req) => {
      const csrfToken = await findCsrfToken(db, requireUser(req).sessionTokenHash);
      if (!csrfToken) throw new AppError("UNAUTHENTICATED", "登录状态无效，请重新登录");
      return { csrfToken, csrfHeader: CSRF_HEADER };
    },
  );

  app.get(
    "/api/v1/me",
    { schema: { tags: ["auth"], summary: "当前登录用户", response: { 200: meSchema } } },
    async (req) => getMe(db, requireUser(req).userId),
  );

  app.post(
    "/api/v1/me/password",
    {
      preValidation: staffOnly,
      schema: {
        tags: ["auth"],
        summary: "修改本人密码（其他会话将被注销）",
        body: changePasswordSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await changePassword(db, requireUser(req), req.body, { now: clock.now(), ip: req.ip });
      return { ok: true as const };
    },
  );
}
