import { randomBytes } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "./db/database.js";
import type { Deps } from "./deps.js";
import { AppError } from "./errors.js";
import {
  checkPasswordStrength,
  findUserForLogin,
  hashPassword,
  insertUser,
} from "./modules/accounts/index.js";
import { appendAudit } from "./modules/audit/index.js";
import { ensureDefaultPolicy, seedShippedCalendar } from "./modules/calendar/index.js";
import { ensureDefaultCategories } from "./modules/categories/index.js";
import { findFirstCenter, insertCenter, listCenterIds } from "./modules/centers/index.js";
import { ensureStarterKnowledge } from "./modules/knowledge/index.js";

export interface BootstrapResult {
  /** Set only when the admin password was generated now: print it once. */
  generatedAdminPassword?: string;
}

/**
 * First-start set-up, idempotent on every start: the default center, the
 * `admin` account, the shipped holiday calendar, the default time-limit policy, the default
 * category taxonomy and the starter knowledge base (examples to review).
 */
export async function bootstrap(deps: Deps, log: FastifyBaseLogger): Promise<BootstrapResult> {
  const { db, config, clock } = deps;
  const result: BootstrapResult = {};
  const centerId = await ensureDefaultCenter(db, clock.now());
  const admin = await ensureAdmin(db, centerId, config.adminPassword, clock.now());
  for (const id of await listCenterIds(db)) {
    await seedShippedCalendar(db, deps.events, id, clock.now());
    await ensureDefaultPolicy(db, id, clock.now());
    await ensureDefaultCategories(db, id, clock.now());
    await ensureStarterKnowledge(db, id, clock.now());
  }
  if (admin.generatedPassword) result.generatedAdminPassword = admin.generatedPassword;
  if (admin.created && admin.weakConfiguredPassword) {
    log.warn("YOUSU_ADMIN_PASSWORD does not meet the password policy: the first sign-in must change it");
  }
  return result;
}

/** The first center ('default', 政务服务中心, county level) when the database has none. */
export async function ensureDefaultCenter(db: Db, now: Date = new Date(0)): Promise<string> {
  const existing = await findFirstCenter(db);
  if (existing) return existing.id;
  const c = await insertCenter(db, {
    code: "default",
    name: "政务服务中心",
    level: "county",
    parentId: null,
    timezone: "Asia/Shanghai",
    address: null,
    phone: null,
    now,
  });
  return c.id;
}

/** The center created on first start (the deployment's home center). */
export async function getDefaultCenterId(db: Db): Promise<string> {
  const c = await findFirstCenter(db);
  if (!c) throw new Error("no center: run bootstrap first");
  return c.id;
}

/**
 * Creates `admin` (role admin) when no user of that name exists, with the
 * configured password or, when none is configured, a generated one that the
 * caller prints once. Only the Argon2id hash is stored.
 */
export async function ensureAdmin(
  db: Db,
  centerId: string,
  password: string | undefined,
  now: Date = new Date(0),
): Promise<{ created: boolean; generatedPassword?: string; weakConfiguredPassword?: boolean }> {
  if (await findUserForLogin(db, "admin")) return { created: false };
  const generated = password ? undefined : generatePassword();
  const plain = password ?? (generated as string);
  let weak = false;
  try {
    checkPasswordStrength(plain, "admin");
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    weak = true;
  }
  const passwordHash = await hashPassword(plain);
  await db.transaction().execute(async (trx) => {
    const u = await insertUser(trx, {
      centerId,
      username: "admin",
      displayName: "系统管理员",
      post: null,
      passwordHash,
      roles: ["admin"],
      departmentId: null,
      now,
      // A weak configured password works once: the first sign-in must change it.
      mustChangePassword: weak,
    });
    await appendAudit(trx, {
      centerId,
      actorId: null,
      actorName: "system",
      action: "user.create",
      entity: "user",
      entityId: u.id,
      details: { username: "admin", roles: ["admin"], bootstrap: true, generatedPassword: !password },
      at: now,
    });
  });
  return { created: true, generatedPassword: generated, weakConfiguredPassword: weak };
}

/** 20 characters from four classes, so it always passes the password policy. */
function generatePassword(): string {
  const sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "#%+-=@_"];
  const all = sets.join("");
  const pick = (set: string) => set[randomBytes(1)[0]! % set.length]!;
  const chars = [...sets.map(pick), ...Array.from({ length: 16 }, () => pick(all))];
  // Shuffle so the class-guaranteeing characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
