import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Role } from "../../../contracts/enums.js";
import type { Database } from "../../db/schema.js";
import { forbidden } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";

/**
 * Which appeals a staff member may see. Center-wide roles see their center;
 * a department handler sees only appeals that have a work order (工作单) for
 * their department; the auditor works on the audit log, not on appeals.
 */
export type AppealScope =
  | { kind: "center"; centerId: string }
  | { kind: "department"; centerId: string; departmentId: string };

const CENTER_WIDE: Role[] = ["window", "dispatcher", "supervisor", "leader", "admin"];

export function readScope(actor: UserActor): AppealScope {
  if (actor.roles.some((r) => CENTER_WIDE.includes(r))) return { kind: "center", centerId: actor.centerId };
  if (actor.roles.includes("department") && actor.departmentId) {
    return { kind: "department", centerId: actor.centerId, departmentId: actor.departmentId };
  }
  throw forbidden("当前角色无权查看诉求");
}

/** Writes by window/dispatcher staff are center-wide (the route guard checks the role). */
export function centerScope(centerId: string): AppealScope {
  return { kind: "center", centerId };
}

/**
 * The WHERE condition of a scope on the `appeals` table. Every read and write
 * of an appeal goes through it, so an appeal outside the scope is simply not
 * found (404).
 */
export function scopeCondition(
  eb: ExpressionBuilder<Database, "appeals">,
  scope: AppealScope,
): Expression<SqlBool> {
  const inCenter = eb("appeals.center_id", "=", scope.centerId);
  if (scope.kind === "center") return inCenter;
  return eb.and([inCenter, departmentVisibility(scope.departmentId)]);
}

/**
 * A department sees an appeal once a work order (工作单) of the appeal is
 * addressed to it (lead or co-department), as long as neither its part nor
 * the whole order was handed back (退单): a misrouted order returns to the
 * center with the requester's data. Served by work_order_assignments_scope_idx.
 */
export function departmentVisibility(departmentId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from work_order_assignments a
    join work_orders w on w.id = a.work_order_id
    where a.appeal_id = appeals.id and a.center_id = appeals.center_id
      and a.department_id = ${departmentId} and a.status <> 'returned' and w.status <> 'returned')`;
}
