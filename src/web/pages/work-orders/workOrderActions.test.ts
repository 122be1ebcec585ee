import { describe, expect, it } from "vitest";
import type { WorkOrder } from "../../api/workOrders.js";
import { handlingActions } from "../appeals/HandlingActions.js";
import { departmentButtons } from "./workOrderActions.js";

function order(
  over: Partial<WorkOrder> & { lead?: string; co?: string; leadStatus?: string; coStatus?: string },
) {
  const a = (departmentId: string, role: "lead" | "co", status: string) => ({
    id: `a${departmentId}`,
    departmentId,
    departmentName: departmentId,
    departmentPhone: null,
    departmentLocation: null,
    role,
    status,
    signedAt: null,
    signedBy: null,
    returnedReason: null,
    returnedAt: null,
    opinion: null,
    opinionAt: null,
    repliedAt: null,
  });
  return {
    id: "1",
    status: "pending",
    complexity: "general",
    extensions: [],
    plans: [],
    assignments: [a("L", "lead", over.leadStatus ?? "pending"), a("C", "co", over.coStatus ?? "pending")],
    ...over,
  } as unknown as WorkOrder;
}

describe("department buttons follow the pure work-order rules", () => {
  it("a pending order may be signed or returned by either department", () => {
    expect(departmentButtons(order({}), "L")).toEqual(["sign", "return"]);
    expect(departmentButtons(order({}), "C")).toEqual(["sign", "return"]);
  });
  it("after signing, the lead replies or asks for more time and the co-department gives its opinion", () => {
    const o = order({ status: "signed", leadStatus: "signed", coStatus: "signed" });
    expect(departmentButtons(o, "L")).toEqual(["reply", "return", "extension"]);
    expect(departmentButtons(o, "C")).toEqual(["opinion", "return"]);
  });
  it("a signed major order offers the plan to the lead only, and no second extension while one is pending", () => {
    const o = order({
      status: "signed",
      complexity: "major",
      leadStatus: "signed",
      coStatus: "signed",
      extensions: [{ status: "pending" }] as unknown as WorkOrder["extensions"],
    });
    expect(departmentButtons(o, "L")).toEqual(["reply", "return", "plan"]);
    expect(departmentButtons(o, "C")).toEqual(["opinion", "return"]);
  });
  it("other departments and answered orders get no buttons", () => {
    expect(departmentButtons(order({}), "X")).toEqual([]);
    expect(departmentButtons(order({ status: "replied", leadStatus: "replied" }), "L")).toEqual([]);
  });
});

describe("reviewer buttons on 诉求详情", () => {
  it("exist only when the workflow allows them", () => {
    expect(handlingActions({ status: "received" })).toEqual(expect.arrayContaining(["dispatch", "transfer"]));
    expect(handlingActions({ status: "received" })).not.toContain("close");
    expect(handlingActions({ status: "replied" })).toEqual(expect.arrayContaining(["close", "rework"]));
    expect(handlingActions({ status: "closed" })).toEqual(["reopen"]);
    expect(handlingActions({ status: "rejected" })).toEqual([]);
  });
});
