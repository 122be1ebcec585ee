import { describe, expect, it } from "vitest";
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  checkCanRequestExtension,
  checkCanSubmitPlan,
  checkDispatchDepartments,
  checkUndecided,
  DEPARTMENT_ACTIONS,
  departmentTransition,
  formatWorkOrderNo,
  milestoneTransition,
  ORDER_ACTIONS,
  orderTransition,
  WORK_ORDER_STATUSES,
  WorkOrderError,
} from "./work-order.js";

/** The center's actions on the whole order, written out independently of the implementation. */
const ORDER_EXPECTED: Record<string, string> = {
  "pending/withdraw": "closed",
  "signed/withdraw": "closed",
  "replied/close": "closed",
  "replied/rework": "signed",
};

/**
 * A department's actions: `order/role/assignment/action` → `order'/assignment'`.
 * Everything not listed is refused.
 */
const DEPT_EXPECTED: Record<string, string> = {};
for (const order of ["pending", "signed"]) {
  const leadSign = order === "pending" ? "signed" : order;
  Object.assign(DEPT_EXPECTED, {
    [`${order}/lead/pending/sign`]: `${leadSign}/signed`,
    [`${order}/lead/pending/return`]: "returned/returned",
    [`${order}/lead/signed/return`]: "returned/returned",
    [`${order}/lead/signed/reply`]: "replied/replied",
    [`${order}/co/pending/sign`]: `${order}/signed`,
    [`${order}/co/pending/return`]: `${order}/returned`,
    [`${order}/co/signed/return`]: `${order}/returned`,
    [`${order}/co/signed/opinion`]: `${order}/opinion_submitted`,
    [`${order}/co/opinion_submitted/opinion`]: `${order}/opinion_submitted`,
  });
}

describe("work order (center actions)", () => {
  it("walks every state × action pair", () => {
    let checked = 0;
    for (const s of WORK_ORDER_STATUSES) {
      for (const a of ORDER_ACTIONS) {
        const want = ORDER_EXPECTED[`${s}/${a}`];
        if (want) expect(orderTransition(s, a), `${s}/${a}`).toBe(want);
        else expect(() => orderTransition(s, a), `${s}/${a}`).toThrow(WorkOrderError);
        checked++;
      }
    }
    expect(checked).toBe(WORK_ORDER_STATUSES.length * ORDER_ACTIONS.length);
  });

  it("explains a refusal in plain Chinese", () => {
    expect(() => orderTransition("pending", "close")).toThrow("工作单待签收，不能销号");
    expect(() => orderTransition("closed", "rework")).toThrow("工作单已销号，不能退回重办");
  });
});

describe("assignment (department actions)", () => {
  it("walks every order state × role × assignment state × action", () => {
    let checked = 0;
    let allowed = 0;
    for (const order of WORK_ORDER_STATUSES) {
      for (const role of ASSIGNMENT_ROLES) {
        for (const asg of ASSIGNMENT_STATUSES) {
          for (const action of DEPARTMENT_ACTIONS) {
            const key = `${order}/${role}/${asg}/${action}`;
            const want = DEPT_EXPECTED[key];
            if (want) {
              const r = departmentTransition(order, role, asg, action);
              expect(`${r.order}/${r.assignment}`, key).toBe(want);
              allowed++;
            } else {
              expect(() => departmentTransition(order, role, asg, action), key).toThrow(WorkOrderError);
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(WORK_ORDER_STATUSES.length * 2 * ASSIGNMENT_STATUSES.length * 4);
    expect(allowed).toBe(Object.keys(DEPT_EXPECTED).length);
  });

  it("a co-department replying as lead is forbidden (403), with the way forward", () => {
    try {
      departmentTransition("signed", "co", "signed", "reply");
      expect.unreachable();
    } catch (e) {
      expect((e as WorkOrderError).kind).toBe("forbidden");
      expect((e as WorkOrderError).message).toMatch(/只有牵头部门可以提交答复.*提交牵头部门/);
    }
  });

  it("asks to sign first, and names a closed order", () => {
    expect(() => departmentTransition("pending", "lead", "pending", "reply")).toThrow(
      "本部门尚未签收，不能提交答复，请先签收工作单",
    );
    expect(() => departmentTransition("closed", "lead", "replied", "sign")).toThrow("工作单已销号，不能签收");
    expect(() => departmentTransition("returned", "co", "pending", "sign")).toThrow("工作单已退单，不能签收");
  });

  it("all refusals other than co-as-lead replies are 'illegal' (409)", () => {
    for (const order of WORK_ORDER_STATUSES) {
      for (const role of ASSIGNMENT_ROLES) {
        for (const asg of ASSIGNMENT_STATUSES) {
          for (const action of DEPARTMENT_ACTIONS) {
            if (DEPT_EXPECTED[`${order}/${role}/${asg}/${action}`]) continue;
            try {
              departmentTransition(order, role, asg, action);
            } catch (e) {
              const forbidden =
                role === "co" && action === "reply" && (order === "pending" || order === "signed");
              expect((e as WorkOrderError).kind).toBe(forbidden ? "forbidden" : "illegal");
            }
          }
        }
      }
    }
  });
});

describe("guards", () => {
  it("extension: open order, the lead department still on it", () => {
    expect(() => checkCanRequestExtension("pending", "lead", "pending")).not.toThrow();
    expect(() => checkCanRequestExtension("signed", "lead", "signed")).not.toThrow();
    expect(() => checkCanRequestExtension("signed", "co", "opinion_submitted")).toThrow(
      "只有牵头部门可以申请延期",
    );
    expect(() => checkCanRequestExtension("signed", "co", "signed")).toThrow(WorkOrderError);
    expect(() => checkCanRequestExtension("signed", "lead", "returned")).toThrow(
      "本部门已退单，不能申请延期",
    );
    for (const s of ["returned", "replied", "closed"] as const) {
      expect(() => checkCanRequestExtension(s, "lead", "signed")).toThrow(WorkOrderError);
    }
  });

  it("plan: major, lead, signed", () => {
    expect(() => checkCanSubmitPlan("signed", "major", "lead", "signed")).not.toThrow();
    expect(() => checkCanSubmitPlan("signed", "general", "lead", "signed")).toThrow(/重大复杂问题/);
    expect(() => checkCanSubmitPlan("signed", "major", "co", "signed")).toThrow(/牵头部门/);
    expect(() => checkCanSubmitPlan("pending", "major", "lead", "pending")).toThrow(
      "请先签收工作单，不能提交解决方案",
    );
    expect(() => checkCanSubmitPlan("replied", "major", "lead", "replied")).toThrow(WorkOrderError);
  });

  it("decisions happen once", () => {
    expect(() => checkUndecided("pending", "延期申请")).not.toThrow();
    expect(() => checkUndecided("submitted", "解决方案")).not.toThrow();
    expect(() => checkUndecided("approved", "延期申请")).toThrow("该延期申请已批准，不能重复处理");
    expect(() => checkUndecided("denied", "延期申请")).toThrow("该延期申请已驳回，不能重复处理");
    expect(() => checkUndecided("rejected", "解决方案")).toThrow(WorkOrderError);
    expect(() => checkUndecided("draft", "解决方案")).toThrow("该解决方案尚未提交，不能审批");
  });

  it("milestones: reported until done, then closed to reports", () => {
    expect(milestoneTransition("open", false)).toBe("reported");
    expect(milestoneTransition("open", true)).toBe("done");
    expect(milestoneTransition("reported", false)).toBe("reported");
    expect(milestoneTransition("reported", true)).toBe("done");
    expect(() => milestoneTransition("done", false)).toThrow(WorkOrderError);
  });
});

describe("dispatch departments", () => {
  it("accepts one lead and distinct co-departments", () => {
    expect(
      checkDispatchDepartments({ leadDepartmentId: "1", coDepartmentIds: ["2", "3"], complexity: "general" }),
    ).toEqual([]);
  });

  it("names the field of a co-department equal to the lead or repeated", () => {
    expect(
      checkDispatchDepartments({
        leadDepartmentId: "1",
        coDepartmentIds: ["2", "1", "2"],
        complexity: "general",
      }),
    ).toEqual([
      { path: "coDepartmentIds.1", message: "协办部门不能与牵头部门相同" },
      { path: "coDepartmentIds.2", message: "协办部门重复" },
    ]);
  });

  it("a multi-department matter needs a co-department", () => {
    expect(
      checkDispatchDepartments({
        leadDepartmentId: "1",
        coDepartmentIds: [],
        complexity: "multi_department",
      }),
    ).toEqual([{ path: "coDepartmentIds", message: "多部门事项请至少选择一个协办部门" }]);
  });
});

describe("work order number", () => {
  it("is GD + date + a 4-digit daily sequence", () => {
    expect(formatWorkOrderNo("20250930", 1)).toBe("GD202509300001");
    expect(formatWorkOrderNo("20250930", 12345)).toBe("GD2025093012345");
    expect(() => formatWorkOrderNo("2025-09-30", 1)).toThrow();
    expect(() => formatWorkOrderNo("20250930", 0)).toThrow();
  });
});
