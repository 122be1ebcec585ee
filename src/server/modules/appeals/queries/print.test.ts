import { describe, expect, it } from "vitest";
import { expectDocumented } from "../../../../../test/app.js";
import { handlingSuite } from "../../../../../test/handling.js";

const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;

/** Appendix A of the standard, in its order. */
const APPENDIX_A = [
  "姓名或单位名称",
  "单位联系人",
  "联系电话",
  "诉求反应时间",
  "诉求反应类别",
  "联系地址",
  "诉求主要内容",
  "政务服务牵头部门及责任部门",
  "完成时限",
  "工作单联系人",
  "联系电话",
  "备注",
];

describe("the printable 工作单", () => {
  it("carries every Appendix A field, labelled as the standard does, with user text escaped", async () => {
    const appeal = await t.newAppeal({
      type: "complaint",
      requester: {
        kind: "organization",
        name: "李四",
        orgName: "某某<b>科技</b>有限公司",
        contactPerson: "王五",
        phone: "13912345678",
        address: "科技园路 8 号 & 9 号",
      },
      content: '窗口拒绝受理<script>alert("x")</script>，材料齐全但“不给办”。',
    });
    const wo = await t.dispatchOk(appeal.id, {
      complexity: "multi_department",
      difficultyKind: "refused",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id],
      note: "请牵头部门<i>汇总</i>答复",
      contactPhone: "010-66668888",
    });
    const res = await t.call("GET", `/api/v1/work-orders/${wo.id}/print`, { token: s.h.b.token });
    expect(res.status).toBe(200);
    expect(res.res.headers["content-type"]).toContain("text/html");
    const html = res.body as string;
    expect(html).toContain("<h1>“有诉即办”问题工作单</h1>");
    expect(html).toContain(`工作单编号：${wo.number}`);
    const labels = [...html.matchAll(/<th>([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(labels).toEqual(APPENDIX_A);
    expect(html).toContain("某某&lt;b&gt;科技&lt;/b&gt;有限公司");
    expect(html).toContain("<td>王五</td>");
    // Masked unless revealed with a reason (phone-privacy.test.ts).
    expect(html).toContain("<td>139****5678</td>");
    expect(html).toContain("2026年3月2日 09:00");
    expect(html).toContain("投诉（“有诉即办”窗口）");
    expect(html).toContain("科技园路 8 号 &amp; 9 号");
    expect(html).toContain("窗口拒绝受理&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>科技");
    expect(html).toContain("牵头部门：市场监管局；责任部门：税务局");
    expect(html).toContain("2026年3月9日（周一）前");
    expect(html).toContain('<td colspan="2">王审核</td>');
    expect(html).toContain("010-66668888");
    expect(html).toContain("疑难类型：不给办");
    expect(html).toContain("请牵头部门&lt;i&gt;汇总&lt;/i&gt;答复");
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toMatch(/border-collapse: collapse/);
    expect(html).toMatch(/FangSong.*SimSun/);

    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select(["action", "actor_name", "entity_id"])
      .where("action", "=", "work_order.print")
      .execute();
    expect(audit).toEqual([{ action: "work_order.print", actor_name: expect.any(String), entity_id: wo.id }]);
    expect((await t.call("GET", `/api/v1/work-orders/${wo.id}/print`, { token: s.h.c.token })).status).toBe(
      404,
    );
    expect((await t.call("GET", `/api/v1/work-orders/${wo.id}/print`, { token: s.clerk.token })).status).toBe(
      403,
    );

    const exp = await t.call("GET", `/api/v1/work-orders/${wo.id}/export?format=json`, {
      token: s.dispatcher.token,
    });
    expect(exp.status, JSON.stringify(exp.body)).toBe(200);
    expect(Object.keys(exp.body.fields)).toEqual([...APPENDIX_A.slice(0, 10), "工作单联系人电话", "备注"]);
    expect(exp.body.fields).toMatchObject({
      联系电话: "139****5678",
      姓名或单位名称: "某某<b>科技</b>有限公司",
      单位联系人: "王五",
    });
    expect(exp.body.workOrder.id).toBe(wo.id);
    expect(
      (
        await t.call("GET", `/api/v1/work-orders/${wo.id}/export?format=xlsx`, {
          token: s.dispatcher.token,
        })
      ).status,
    ).toBe(400);
  });
});

describe("OpenAPI", () => {
  it("documents every review, dispatch and handling endpoint", async () => {
    await expectDocumented(ctx.app, [
      "/api/v1/appeals/{id}/dispatch",
      "/api/v1/appeals/{id}/dispatch-preview",
      "/api/v1/appeals/{id}/work-orders",
      "/api/v1/appeals/{id}/transfer",
      "/api/v1/appeals/{id}/transfers",
      "/api/v1/appeals/{id}/refer",
      "/api/v1/appeals/{id}/close",
      "/api/v1/appeals/{id}/rework",
      "/api/v1/appeals/{id}/reopen",
      "/api/v1/work-orders",
      "/api/v1/work-orders/{id}",
      "/api/v1/work-orders/{id}/print",
      "/api/v1/work-orders/{id}/export",
      "/api/v1/work-orders/{id}/sign",
      "/api/v1/work-orders/{id}/return",
      "/api/v1/work-orders/{id}/opinion",
      "/api/v1/work-orders/{id}/reply",
      "/api/v1/work-orders/{id}/extensions",
      "/api/v1/work-orders/{id}/plan",
      "/api/v1/extensions",
      "/api/v1/extensions/{id}/approve",
      "/api/v1/extensions/{id}/deny",
      "/api/v1/plans",
      "/api/v1/plans/{id}",
      "/api/v1/plans/{id}/approve",
      "/api/v1/plans/{id}/reject",
      "/api/v1/plans/{id}/milestones/{mid}/progress",
    ]);
  });
});
