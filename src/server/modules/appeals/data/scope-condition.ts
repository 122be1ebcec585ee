import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { AppealScope } from "../scope.js";

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
