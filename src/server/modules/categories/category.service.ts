import type { Category, CreateCategory, UpdateCategory } from "../../../contracts/knowledge.js";
import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { DEFAULT_CATEGORIES } from "./category.defaults.js";
import * as repo from "./category.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findCategory>>>;

function present(r: Row): Category {
  return { code: r.code, name: r.name, parentCode: r.parent_code, position: r.position, active: r.active };
}

/** The default taxonomy for a center that has none yet (first start, a new center). Idempotent. */
export async function ensureDefaultCategories(db: Db, centerId: string, now: Date): Promise<void> {
  if (await repo.hasCategories(db, centerId)) return;
  const rows = DEFAULT_CATEGORIES.flatMap((top, i) => [
    { centerId, code: top.code, name: top.name, parentCode: null, position: (i + 1) * 10, now },
    ...top.children.map(([code, name], j) => ({
      centerId,
      code,
      name,
      parentCode: top.code,
      position: j + 1,
      now,
    })),
  ]);
  await repo.insertCategories(db, rows);
}

export async function listCategories(
  db: Db,
  centerId: string,
  includeInactive: boolean,
): Promise<Category[]> {
  return (await repo.listCategories(db, centerId, includeInactive)).map(present);
}

export async function createCategory(
  db: Db,
  actor: UserActor,
  input: CreateCategory,
  meta: Meta,
): Promise<Category> {
  return db.transaction().execute(async (trx) => {
    if (await repo.findCategory(trx, actor.centerId, input.code)) {
      throw new AppError("DUPLICATE", "分类编码已存在", [
        { path: "code", message: "本中心已有相同编码的分类" },
      ]);
    }
    const parentCode = input.parentCode || null;
    if (parentCode) {
      const parent = await repo.findCategory(trx, actor.centerId, parentCode);
      if (!parent) throw invalid("parentCode", "上级分类不存在");
      if (parent.parent_code !== null) throw invalid("parentCode", "分类只有两级：上级须为一级分类");
    }
    const [row] = await repo.insertCategories(trx, [
      {
        centerId: actor.centerId,
        code: input.code,
        name: input.name,
        parentCode,
        position: input.position ?? 0,
        now: meta.now,
      },
    ]);
    if (!row)
      throw new AppError("DUPLICATE", "分类编码已存在", [
        { path: "code", message: "本中心已有相同编码的分类" },
      ]);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "category.create",
      entity: "category",
      entityId: input.code,
      details: input,
      ip: meta.ip,
      at: meta.now,
    });
    return present(row);
  });
}

export async function updateCategory(
  db: Db,
  actor: UserActor,
  code: string,
  patch: UpdateCategory,
  meta: Meta,
): Promise<Category> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.findCategory(trx, actor.centerId, code);
    if (!current) throw notFound("分类");
    const set: RowUpdate<"categories"> = { updated_at: meta.now };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.position !== undefined) set.position = patch.position;
    if (patch.active !== undefined) set.active = patch.active;
    const row = await repo.updateCategory(trx, actor.centerId, code, set);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: patch.active === false && current.active ? "category.deactivate" : "category.update",
      entity: "category",
      entityId: code,
      details: { changes: patch },
      ip: meta.ip,
      at: meta.now,
    });
    return present(row);
  });
}

/**
 * Intake and reclassification: `code` must be an active category of the center (either level;
 * the window's 初步分类 may stop at the first). Throws 400 with the field path otherwise.
 */
export async function requireActiveCategory(db: Db, centerId: string, code: string, path = "categoryCode") {
  const c = await repo.findCategory(db, centerId, code);
  if (!c) throw invalid(path, `分类编码 ${code} 不存在，请从分类列表中选择`);
  if (!c.active) throw invalid(path, `分类“${c.name}”已停用，请选择其他分类`);
  if (c.parent_code) {
    const parent = await repo.findCategory(db, centerId, c.parent_code);
    if (parent && !parent.active) throw invalid(path, `分类“${parent.name}”已停用，请选择其他分类`);
  }
}

/** Display labels "一级 / 二级" of category codes (statistics); unknown codes are absent. */
export async function categoryLabels(
  db: Db,
  centerId: string,
  codes: string[],
): Promise<Map<string, string>> {
  const rows = await repo.findCategoryNames(db, centerId, codes);
  const parents = await repo.findCategoryNames(
    db,
    centerId,
    rows.flatMap((r) => (r.parent_code ? [r.parent_code] : [])),
  );
  const parentName = new Map(parents.map((p) => [p.code, p.name]));
  return new Map(
    rows.map((r) => [
      r.code,
      r.parent_code ? `${parentName.get(r.parent_code) ?? r.parent_code} / ${r.name}` : r.name,
    ]),
  );
}
