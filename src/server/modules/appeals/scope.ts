import type { Role } from "../../../contracts/enums.js";
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
