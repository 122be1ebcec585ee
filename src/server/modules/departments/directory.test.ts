import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";
import { ROLES } from "../../../contracts/enums.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

describe("department directory (部门通讯录)", () => {
  it("keeps functions and hours, searchable by function, readable by every staff role, public with window and phone", async () => {
    const admin = await adminToken(ctx);
    const created = await call(ctx.app, "POST", "/api/v1/departments", {
      token: admin,
      body: {
        code: "GJJ",
        name: "住房公积金管理中心",
        phone: "0571-86001234",
        location: "三楼 21–23 号窗口",
        services: ["公积金提取", "公积金贷款"],
        functions: "负责住房公积金归集、提取、贷款和异地转移接续",
        hours: "工作日 9:00–12:00，13:30–17:00",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      functions: expect.stringContaining("归集"),
      hours: expect.stringContaining("13:30"),
    });
    const patched = await call(ctx.app, "PATCH", `/api/v1/departments/${created.body.id}`, {
      token: admin,
      body: { hours: "工作日 9:00–17:00" },
    });
    expect(patched.body).toMatchObject({
      hours: "工作日 9:00–17:00",
      functions: expect.stringContaining("归集"),
    });

    for (const role of ROLES) {
      const u = await createStaff(ctx, {
        roles: [role],
        ...(role === "department" ? { departmentId: created.body.id } : {}),
      });
      const r = await call(ctx.app, "GET", `/api/v1/departments?q=${encodeURIComponent("异地转移")}`, {
        token: u.token,
      });
      expect(r.status, role).toBe(200);
      expect(r.body.map((d: { code: string }) => d.code)).toEqual(["GJJ"]);
    }
    expect((await call(ctx.app, "GET", "/api/v1/departments")).status).toBe(401);
    const tooLong = await call(ctx.app, "PATCH", `/api/v1/departments/${created.body.id}`, {
      token: admin,
      body: { hours: "时".repeat(201) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe("hours");

    const notice = await call(ctx.app, "GET", "/api/v1/public/notice");
    expect(notice.status).toBe(200);
    expect(notice.body.departments).toContainEqual(
      expect.objectContaining({
        name: "住房公积金管理中心",
        location: "三楼 21–23 号窗口",
        phone: "0571-86001234",
        hours: "工作日 9:00–17:00",
      }),
    );
  });
});
