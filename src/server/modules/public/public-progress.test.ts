import { describe, expect, it } from "vitest";
import { call } from "../../../../test/app.js";
import { act, dispatchOk, type Handling, handlingApp, newAppeal } from "../../../../test/handling.js";

let s: Handling;
const ctx = handlingApp("2026-03-02T09:00:00+08:00", (h) => {
  s = h;
});

async function track(trackingNo: string, queryCode: string) {
  const res = await ctx.app.inject({
    method: "GET",
    url: `/api/v1/public/appeals/${trackingNo}?queryCode=${queryCode}`,
    remoteAddress: `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.json(), raw: res.body };
}

const appealPost = (id: string, action: string, body: unknown) =>
  call(ctx.app, "POST", `/api/v1/appeals/${id}/${action}`, { token: s.dispatcher.token, body });

describe("public tracking: what the requester is owed", () => {
  it("shows the verified answer of a closed appeal and an approved extension with its reason and new limit, nothing internal", async () => {
    const appeal = await newAppeal(ctx, s, {
      requester: { name: "周大爷", phone: "13700001234", address: "幸福路 66 号" },
      content: "小区门口的公交站台遮雨棚损坏三个月了，下雨天没地方躲雨。",
    });
    const wo = await dispatchOk(ctx, s, appeal.id, {
      complexity: "general",
      leadDepartmentId: s.dept.a.id,
      note: "内部备注：请优先处理",
    });
    await act(ctx, s.h.a.token, wo.id, "sign");
    const ext = await act(ctx, s.h.a.token, wo.id, "extensions", {
      until: "2026-03-13",
      reason: "需要公交公司配合更换遮雨棚",
    });
    expect(ext.status, JSON.stringify(ext.body)).toBe(201);
    const ok = await call(ctx.app, "POST", `/api/v1/extensions/${ext.body.id}/approve`, {
      token: s.dispatcher.token,
      body: { note: "审批人内部意见：同意" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);

    // Before 销号 the reply is not yet verified: not shown as the answer.
    await act(ctx, s.h.a.token, wo.id, "reply", { result: "已协调公交公司于3月10日更换遮雨棚。" });
    const replied = await track(appeal.trackingNo, appeal.queryCode);
    expect(replied.body.answer).toBeNull();
    expect(replied.body.extensions).toEqual([
      {
        at: "2026-03-02T09:00:00.000+08:00",
        reason: "需要公交公司配合更换遮雨棚",
        newDueAt: "2026-03-13T23:59:59.999+08:00",
      },
    ]);
    expect(replied.body.steps.map((x: { text: string }) => x.text)).toContain(
      "延长办理时限至2026年3月13日（周五）",
    );

    ctx.clock.advance(10 * 60_000);
    const closed = await appealPost(appeal.id, "close", { note: "内部核实记录：已电话回访" });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const p = await track(appeal.trackingNo, appeal.queryCode);
    expect(p.body).toMatchObject({
      status: "closed",
      statusText: "已办结销号",
      answer: {
        at: "2026-03-02T09:10:00.000+08:00",
        text: "已协调公交公司于3月10日更换遮雨棚。",
        department: s.dept.a.name,
      },
    });
    expect(p.body.replies).toContainEqual({
      at: "2026-03-02T09:10:00.000+08:00",
      kind: "answer",
      text: "已协调公交公司于3月10日更换遮雨棚。",
    });
    expect(p.body.extensions).toHaveLength(1);
    for (const secret of ["周大爷", "13700001234", "幸福路", "遮雨棚损坏", "内部", "审批人", "王审核"]) {
      expect(p.raw).not.toContain(secret);
    }
  });

  it("gives the on-the-spot answer of a resolved appeal", async () => {
    const appeal = await newAppeal(ctx, s);
    const res = await appealPost(appeal.id, "resolve", { answer: "营业执照变更需携带原执照和股东会决议。" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = await track(appeal.trackingNo, appeal.queryCode);
    expect(p.body.answer).toEqual({
      at: "2026-03-02T09:10:00.000+08:00",
      text: "营业执照变更需携带原执照和股东会决议。",
      department: null,
    });
  });

  it("tells a refusal in one coherent text: the reason, the explanation, who was contacted and where to go", async () => {
    const appeal = await newAppeal(ctx, s);
    const res = await appealPost(appeal.id, "reject", {
      reason: "legal_procedure",
      explanation: "该劳动争议已进入仲裁程序",
      referredTo: "区劳动人事争议仲裁院",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = await track(appeal.trackingNo, appeal.queryCode);
    const text =
      "您的诉求不予受理，理由：应通过诉讼、仲裁、纪检监察、行政复议、政府信息公开等程序解决。" +
      "说明：该劳动争议已进入仲裁程序。我们已联系区劳动人事争议仲裁院协助受理。" +
      "请依法向人民法院（诉讼）、仲裁机构（仲裁）、纪检监察机关（纪检监察）、行政复议机关（行政复议）提出，" +
      "或向有关行政机关申请政府信息公开。";
    expect(p.body.rejection).toEqual({
      reason: "legal_procedure",
      text,
      whereToGo: expect.stringContaining("人民法院"),
    });
    expect(p.body.nextStep).toBe(text);
    expect(p.body.statusText).toBe("不予受理");
    expect(p.body.answer).toBeNull();
  });
});
