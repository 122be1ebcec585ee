import { randomBytes } from "node:crypto";
import type { Department, User } from "../src/contracts/accounts.js";
import type { Role } from "../src/contracts/enums.js";
import type { NoticeFile } from "../src/core/calendar-io.js";
import type { UserActor } from "../src/server/http/actor.js";
import { createUser } from "../src/server/modules/accounts/index.js";
import { importCalendarYear } from "../src/server/modules/calendar/index.js";
import { call, type TestContext } from "./app.js";

/**
 * Test factories: real rows through the real service layer and real sign-in
 * through the login endpoint (no shortcuts into the sessions table).
 */

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString("hex")}`;

/**
 * Logs in through POST /api/v1/auth/login. Each call comes from its own client
 * address so the per-IP login rate limit never trips in suites that create many users.
 */
export async function login(
  ctx: TestContext,
  username: string,
  password: string,
): Promise<{ token: string; csrfToken: string; cookie: string }> {
  const res = await ctx.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password },
    remoteAddress: `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq++ & 255}`,
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { token: string; csrfToken: string };
  const setCookie = res.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0] ?? "";
  return { token: body.token, csrfToken: body.csrfToken, cookie };
}

/** Session token of the bootstrapped `admin` (a fresh session each call). */
export async function adminToken(ctx: TestContext): Promise<string> {
  const password = ctx.config.adminPassword;
  if (!password) throw new Error("test config has no adminPassword");
  return (await login(ctx, "admin", password)).token;
}

/** The bootstrapped `admin` as an actor (of another center when `centerId` is given), for calling services directly. */
export async function adminActor(ctx: TestContext, centerId?: string): Promise<UserActor> {
  const a = await ctx.handle.db
    .selectFrom("users")
    .where("username", "=", "admin")
    .select(["id", "username", "display_name", "center_id"])
    .executeTakeFirstOrThrow();
  return {
    kind: "user",
    userId: a.id,
    username: a.username,
    displayName: a.display_name,
    post: null,
    roles: ["admin"],
    centerId: centerId ?? a.center_id,
    departmentId: null,
    via: "bearer",
    sessionTokenHash: "",
  };
}

export interface StaffOptions {
  roles: Role[];
  departmentId?: string;
  username?: string;
  displayName?: string;
  post?: string;
  /** Center of the new user (default: the admin's center). */
  centerId?: string;
}

/** A staff account created through the user service, signed in through the real endpoint. */
export async function createStaff(
  ctx: TestContext,
  opts: StaffOptions,
): Promise<{ user: User; token: string; password: string }> {
  const username = opts.username ?? `u_${unique()}`;
  const password = `Pw#${randomBytes(6).toString("hex")}Zz9`;
  const user = await createUser(
    ctx.handle.db,
    await adminActor(ctx, opts.centerId),
    {
      username,
      password,
      displayName: opts.displayName ?? `测试用户${username.slice(-4)}`,
      roles: opts.roles,
      departmentId: opts.departmentId ?? null,
      post: opts.post ?? null,
    },
    { now: ctx.clock.now(), ip: null },
  );
  const { token } = await login(ctx, username, password);
  return { user, token, password };
}

/** A department of the admin's center, created through POST /api/v1/departments. */
export async function createDepartment(
  ctx: TestContext,
  opts: Partial<{ code: string; name: string; phone: string; location: string; services: string[] }> = {},
): Promise<Department> {
  const code = opts.code ?? `D${unique()}`.slice(0, 32);
  const res = await call(ctx.app, "POST", "/api/v1/departments", {
    token: await adminToken(ctx),
    body: { name: opts.name ?? `测试部门${code.slice(-4)}`, ...opts, code },
  });
  if (res.status !== 201)
    throw new Error(`createDepartment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Department;
}

/** A made-up 2027 holiday notice (the real one is not published yet): 元旦 01-01 … 01-03. */
export const TEST_NOTICE_2027: NoticeFile = {
  year: 2027,
  source: "国务院办公厅关于2027年部分节假日安排的通知（测试）",
  days: [
    { date: "2027-01-01", kind: "holiday", name: "元旦" },
    { date: "2027-01-02", kind: "holiday", name: "元旦" },
    { date: "2027-01-03", kind: "holiday", name: "元旦" },
  ],
};

/** The admin loads TEST_NOTICE_2027 (the service an import runs): provisional deadlines settle. */
export async function loadTestNotice2027(ctx: TestContext): Promise<void> {
  await importCalendarYear(ctx.handle.db, ctx.app.deps.events, await adminActor(ctx), TEST_NOTICE_2027, {
    now: ctx.clock.now(),
    ip: null,
  });
}
