import type { Center, CreateCenter, UpdateCenter } from "../../../contracts/accounts.js";
import { CENTER_LEVELS, type CenterLevel } from "../../../contracts/enums.js";
import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import type { DomainEvents } from "../../lib/events.js";
import { appendAudit } from "../audit/index.js";
import "./center.events.js";
import * as repo from "./center.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

type CenterRecord = NonNullable<Awaited<ReturnType<typeof repo.findCenter>>>;

function present(c: CenterRecord): Center {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    level: c.level,
    parentId: c.parent_id,
    timezone: c.timezone,
    address: c.address,
    phone: c.phone,
    hours: c.hours,
  };
}

function checkTimezone(tz: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    throw invalid("timezone", "时区无效（应为 IANA 时区名，如 Asia/Shanghai）");
  }
}

/** province → city → county → township: a child sits strictly below its parent. */
export function isBelow(child: CenterLevel, parent: CenterLevel): boolean {
  return CENTER_LEVELS.indexOf(child) > CENTER_LEVELS.indexOf(parent);
}

/** Ids of `rootId` and every center beneath it. */
export async function subtreeIds(db: Db, rootId: string): Promise<Set<string>> {
  const all = await repo.listCenters(db);
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all) {
      if (c.parent_id && ids.has(c.parent_id) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * The whole hierarchy: staff need every center to transfer an appeal to the
 * competent level (函转). Centers hold no personal data.
 */
export async function listCenters(db: Db): Promise<Center[]> {
  return (await repo.listCenters(db)).map(present);
}

/** An admin manages its own center and the centers beneath it. */
async function managedCenter(db: Db, actor: UserActor, id: string): Promise<CenterRecord> {
  const c = await repo.findCenter(db, id);
  if (!c || !(await subtreeIds(db, actor.centerId)).has(c.id)) throw notFound("中心");
  return c;
}

export async function createCenter(
  db: Db,
  events: DomainEvents,
  actor: UserActor,
  input: CreateCenter,
  meta: Meta,
): Promise<Center> {
  const parentId = input.parentId ?? null;
  if (input.timezone) checkTimezone(input.timezone);
  const created = await db.transaction().execute(async (trx) => {
    if (parentId) {
      const parent = await repo.findCenter(trx, parentId);
      if (!parent || !(await subtreeIds(trx, actor.centerId)).has(parent.id)) {
        throw invalid("parentId", "上级中心不存在或不在管理范围内");
      }
      if (!isBelow(input.level, parent.level)) {
        throw invalid("level", "下级中心的层级必须低于上级中心（省→市→县→乡镇）");
      }
    }
    if (await repo.findCenterByCode(trx, input.code)) {
      throw new AppError("DUPLICATE", "中心编码已存在", [{ path: "code", message: "中心编码已存在" }]);
    }
    const row = await repo.insertCenter(trx, {
      code: input.code,
      name: input.name,
      level: input.level,
      parentId,
      timezone: input.timezone ?? "Asia/Shanghai",
      address: input.address ?? null,
      phone: input.phone ?? null,
      hours: input.hours ?? null,
      now: meta.now,
    });
    // A new center works on the shipped holiday notices and the default time limits from the start.
    await events.emit(trx, "center.created", { centerId: row.id, at: meta.now });
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "center.create",
      entity: "center",
      entityId: row.id,
      details: input,
      ip: meta.ip,
      at: meta.now,
    });
    return present(row);
  });
  return created;
}

export async function updateCenter(
  db: Db,
  actor: UserActor,
  id: string,
  patch: UpdateCenter,
  meta: Meta,
): Promise<Center> {
  if (patch.timezone) checkTimezone(patch.timezone);
  return db.transaction().execute(async (trx) => {
    await managedCenter(trx, actor, id);
    const set: RowUpdate<"centers"> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.timezone !== undefined) set.timezone = patch.timezone;
    if (patch.address !== undefined) set.address = patch.address;
    if (patch.phone !== undefined) set.phone = patch.phone;
    if (patch.hours !== undefined) set.hours = patch.hours;
    const row = Object.keys(set).length
      ? await repo.updateCenter(trx, id, set)
      : await managedCenter(trx, actor, id);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "center.update",
      entity: "center",
      entityId: id,
      details: { changes: patch },
      ip: meta.ip,
      at: meta.now,
    });
    return present(row);
  });
}
