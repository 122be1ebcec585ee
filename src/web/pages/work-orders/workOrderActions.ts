import {
  type AssignmentRole,
  type AssignmentStatus,
  checkCanRequestExtension,
  checkCanSubmitPlan,
  type DepartmentAction,
  departmentTransition,
  type WorkOrderStatus,
} from "../../../core/work-order.js";
import type { WorkOrder } from "../../api/workOrders.js";

/** What the caller's department may do on an order (the same pure rules the server applies). */
export type OrderButton = DepartmentAction | "extension" | "plan";

function ok(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

export function departmentButtons(wo: WorkOrder, departmentId: string | null | undefined): OrderButton[] {
  const mine = wo.assignments.find((a) => a.departmentId === departmentId);
  if (!mine) return [];
  const order = wo.status as WorkOrderStatus;
  const role = mine.role as AssignmentRole;
  const st = mine.status as AssignmentStatus;
  const out: OrderButton[] = (["sign", "opinion", "reply", "return"] as const).filter((a) =>
    ok(() => departmentTransition(order, role, st, a)),
  );
  const pendingExtension = wo.extensions.some((x) => x.status === "pending");
  if (st !== "pending" && !pendingExtension && ok(() => checkCanRequestExtension(order, role, st)))
    out.push("extension");
  const livePlan = wo.plans.some((p) => p.status === "submitted" || p.status === "approved");
  if (!livePlan && ok(() => checkCanSubmitPlan(order, wo.complexity, role, st))) out.push("plan");
  return out;
}
