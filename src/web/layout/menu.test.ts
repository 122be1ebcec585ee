import { describe, expect, it } from "vitest";
import { MENU, selectedKey, visibleLeaves, visibleMenu } from "./menu.js";

const keys = (entries: { key: string; children?: { key: string }[] }[]): string[] =>
  entries.flatMap((e) => [e.key, ...(e.children ? keys(e.children) : [])]);

describe("role-aware menu", () => {
  it("shows 系统管理 only to administrators and 审计日志 only to auditors", () => {
    const admin = keys(visibleMenu(["admin"]));
    expect(admin).toContain("admin");
    expect(admin).toContain("calendar");
    expect(admin).not.toContain("audit");

    const auditor = keys(visibleMenu(["auditor"]));
    expect(auditor).toContain("audit");
    expect(auditor).not.toContain("admin");
    expect(auditor).not.toContain("users");
  });

  it("gives everyone the workbench, 消息, 知识库, 部门通讯录 and the deadline calculator", () => {
    for (const role of ["window", "department", "leader", "auditor"] as const) {
      expect(keys(visibleMenu([role]))).toEqual(
        expect.arrayContaining(["workbench", "notifications", "knowledge", "directory", "deadline"]),
      );
    }
  });

  it("lists 消息 right after 工作台", () => {
    expect(MENU.slice(0, 2).map((e) => e.key)).toEqual(["workbench", "notifications"]);
    expect(selectedKey("/notifications")).toBe("notifications");
  });

  it("lists only entries with a screen (every leaf has a route)", () => {
    const leaves = (entries: typeof MENU): typeof MENU =>
      entries.flatMap((e) => (e.children ? leaves(e.children) : [e]));
    for (const leaf of leaves(MENU)) expect(leaf.path, leaf.key).toMatch(/^\//);
    expect(visibleLeaves(["admin"]).every((e) => e.path)).toBe(true);
  });

  it("shows 督办中心 to supervisors and leaders only, right after 部门办件", () => {
    for (const role of ["supervisor", "leader"] as const)
      expect(keys(visibleMenu([role]))).toContain("supervision");
    for (const role of ["window", "dispatcher", "department", "auditor"] as const) {
      expect(keys(visibleMenu([role]))).not.toContain("supervision");
    }
    const order = MENU.map((e) => e.key);
    expect(order.indexOf("supervision")).toBe(order.indexOf("department") + 1);
    expect(selectedKey("/supervision")).toBe("supervision");
  });

  it("highlights the entry of the current page, including its sub-pages", () => {
    expect(selectedKey("/")).toBe("workbench");
    expect(selectedKey("/admin/calendar")).toBe("calendar");
    expect(selectedKey("/admin/users/42")).toBe("users");
    expect(selectedKey("/nowhere")).toBeUndefined();
  });
});
