import type { CreateDepartment, Department, UpdateDepartment } from "../../../contracts/accounts.js";
import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { type Actor, auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import * as repo from "./department.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

type DepartmentRecord = NonNullable<Awaited<ReturnType<typeof repo.findDepartmentInCenter>>>;

function present(d: DepartmentRecord): Department {
  return {
    id: d.id,
    centerId: d.center_id,
    code: d.code,
    name: d.name,
    phone: d.phone,
    location: d.location,
    services: d.services,
    functions: d.functions,
    hours: d.hours,
    active: d.active,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

const duplicateCode = () =>
  new AppError("DUPLICATE", "部门编码已存在", [{ path: "code", message: "本中心已有相同编码的部门" }]);

/** 进驻部门 — a department resident at the center, with the directory staff consult. */
export async function createDepartment(
  db: Db,
  actor: UserActor,
  input: CreateDepartment,
  meta: Meta,
): Promise<Department> {
  return db.transaction().execute(async (trx) => {
    if (await repo.departmentCodeTaken(trx, actor.centerId, input.code)) throw duplicateCode();
    const row = await repo.insertDepartment(trx, {
      centerId: actor.centerId,
      code: input.code,
      name: input.name,
      phone: input.phone ?? null,
      location: input.location ?? null,
      services: dedupe(input.services ?? []),
      functions: input.functions ?? null,
      hours: input.hours ?? null,
      now: meta.now,
    });
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "department.create",
      entity: "department",
      entityId: row.id,
      details: input,
      ip: meta.ip,
      at: meta.now,
    });
    return present(row);
  });
}

export async function updateDepartment(
  db: Db,
  actor: UserActor,
  id: string,
  patch: UpdateDepartment,
  meta: Meta,
): Promise<Department> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.findDepartmentInCenter(trx, id, actor.centerId);
    if (!current) throw notFound("部门");
    const set: RowUpdate<"departments"> = { updated_at: meta.now };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.phone !== undefined) set.phone = patch.phone;
    if (patch.location !== undefined) set.location = patch.location;
    if (patch.services !== undefined) set.services = dedupe(patch.services);
    if (patch.functions !== undefined) set.functions = patch.functions;
    if (patch.hours !== undefined) set.hours = patch.hours;
    // Departments are deactivated, never deleted: work orders and statistics keep referring to them.
    if (patch.active !== undefined) set.active = patch.active;
    const row = await repo.updateDepartment(trx, id, set);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: patch.active === false && current.active ? "department.deactivate" : "department.update",
      entity: "department",
      entityId: id,
      details: { changes: patch },
      ip: meta.ip,
      at: meta.now,
    });
    return present(row);
  });
}

export async function getDepartment(db: Db, actor: Actor, id: string): Promise<Department> {
  const d = await repo.findDepartmentInCenter(db, id, actor.centerId);
  if (!d) throw notFound("部门");
  return present(d);
}

export async function listDepartments(
  db: Db,
  actor: Actor,
  opts: { q?: string; includeInactive?: boolean },
): Promise<Department[]> {
  return (await repo.listDepartments(db, actor.centerId, opts)).map(present);
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
