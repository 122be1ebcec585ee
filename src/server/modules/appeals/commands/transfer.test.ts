import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, createStaff } from "../../../../../test/factories.js";
import { handlingSuite } from "../../../../../test/handling.js";

const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;
let other: { id: string; name: string; dispatcher: { token: string } };
beforeAll(async () => {
  const res = await t.call("POST", "/api/v1/centers", {
    token: await adminToken(ctx),
    body: {
      code: `city${randomBytes(2).toString("hex")}`,
      name: "市政务服务中心",
      level: "city",
      phone: "0755-12345678",
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const dispatcher = await createStaff(ctx, {
    roles: ["dispatcher"],
    centerId: res.body.id,
    displayName: "周市审核",
  });
  other = { id: res.body.id, name: res.body.name, dispatcher };
});

const transfer =
  (id: string, body: unknown, token = s.dispatcher.token) =>
  () =>
    t.call("POST", `/api/v1/appeals/${id}/transfer`, { token, body });

describe("转办 to an external unit", () => {
  it("needs the unit's name, tells the requester where it went, and is closed once taken over", async () => {
    const appeal = await t.newAppeal();
    await t.expectRefused(
      transfer(appeal.id, { targetKind: "external_unit", note: "属于物业纠纷" }),
      400,
      "VALIDATION_FAILED",
      "targetName",
    );
    await t.expectRefused(
      transfer(appeal.id, { targetKind: "court", note: "属于物业纠纷" }),
      400,
      "VALIDATION_FAILED",
      "targetKind",
    );
    await t.expectRefused(
      transfer(
        appeal.id,
        { targetKind: "external_unit", targetName: "区住建局", note: "属于物业纠纷" },
        s.clerk.token,
      ),
      403,
      "FORBIDDEN",
    );
    const res = await t.call("POST", `/api/v1/appeals/${appeal.id}/transfer`, {
      token: s.dispatcher.token,
      body: {
        targetKind: "external_unit",
        targetName: "区住房和城乡建设局",
        note: "属于物业服务纠纷，由住建部门依法处理",
        expectedVersion: appeal.version,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe("transferred");
    const sms = (await t.smsOf(appeal.id)).at(-1)!;
    expect(sms.kind).toBe("appeal.transferred");
    expect(sms.text).toContain("已转交区住房和城乡建设局依法依规处理");
    const records = await t.call("GET", `/api/v1/appeals/${appeal.id}/transfers`, {
      token: s.dispatcher.token,
    });
    expect(records.body).toEqual([
      expect.objectContaining({
        direction: "outgoing",
        targetKind: "external_unit",
        targetName: "区住房和城乡建设局",
        createdBy: "王审核",
      }),
    ]);
    const closed = await t.call("POST", `/api/v1/appeals/${appeal.id}/close`, {
      token: s.dispatcher.token,
      body: { note: "住建局已受理" },
    });
    expect(closed.body.status).toBe("closed");
    expect((await t.smsOf(appeal.id)).at(-1)!.kind).toBe("appeal.transferred");
  });
});

describe("函转 to another level's center", () => {
  it("creates the appeal in the other center's queue, linked both ways, and withdraws the live work order", async () => {
    const appeal = await t.newAppeal({
      content: "我公司跨区迁移登记被拒，涉及市级审批权限，请协调。",
      requester: {
        kind: "organization",
        name: "李四",
        orgName: "某某科技有限公司",
        contactPerson: "李四",
        phone: "13912345678",
        addressDeclined: true,
      },
    });
    const wo = await t.dispatchOk(appeal.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    await t.act(s.h.a.token, wo.id, "extensions", { until: "2026-03-20", reason: "需要市级部门协调" });
    const body = { targetKind: "center", note: "涉及市级审批权限，函转市中心协调办理" };
    await t.expectRefused(transfer(appeal.id, body), 400, "VALIDATION_FAILED", "targetCenterId");
    const me = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    const ownCenter = (
      await ctx.handle.db
        .selectFrom("appeals")
        .select("center_id")
        .where("id", "=", appeal.id)
        .executeTakeFirstOrThrow()
    ).center_id;
    await t.expectRefused(
      transfer(appeal.id, { ...body, targetCenterId: ownCenter }),
      400,
      "VALIDATION_FAILED",
      "targetCenterId",
    );
    await t.expectRefused(
      transfer(appeal.id, { ...body, targetCenterId: "999999" }),
      400,
      "VALIDATION_FAILED",
      "targetCenterId",
    );
    await t.expectRefused(
      transfer(appeal.id, { ...body, targetCenterId: other.id, expectedVersion: me.body.version - 1 }),
      409,
      "VERSION_CONFLICT",
    );

    const res = await t.call("POST", `/api/v1/appeals/${appeal.id}/transfer`, {
      token: s.dispatcher.token,
      body: { ...body, targetCenterId: other.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe("transferred");
    const order = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.dispatcher.token });
    expect(order.body).toMatchObject({ status: "closed", closeNote: "中心已转办，工作单撤回" });
    expect(order.body.extensions[0].status).toBe("denied");
    expect((await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.a.token })).status).toBe(200);

    // The other center's dispatcher finds it in its own queue.
    const queue = await t.call("GET", "/api/v1/appeals?status=received", {
      token: other.dispatcher.token,
    });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(1);
    const received = queue.body.items[0];
    expect(received).toMatchObject({
      channel: "letter",
      source: "transfer",
      content: "我公司跨区迁移登记被拒，涉及市级审批权限，请协调。",
      requester: { orgName: "某某科技有限公司", phone: "139****5678" },
      receivedAt: "2026-03-02T09:00:00.000+08:00",
      status: "received",
    });
    expect(received.respondBy).not.toBeNull();
    expect(received.trackingNo).not.toBe(appeal.trackingNo);
    // Each center sees only its own appeal.
    expect(
      (await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: other.dispatcher.token })).status,
    ).toBe(404);
    expect(
      (await t.call("GET", `/api/v1/appeals/${received.id}`, { token: s.dispatcher.token })).status,
    ).toBe(404);

    const outgoing = await t.call("GET", `/api/v1/appeals/${appeal.id}/transfers`, {
      token: s.dispatcher.token,
    });
    expect(outgoing.body[0]).toMatchObject({
      direction: "outgoing",
      targetKind: "center",
      targetCenter: { id: other.id },
      receivedAppealId: received.id,
      receivedTrackingNo: received.trackingNo,
    });
    const incoming = await t.call("GET", `/api/v1/appeals/${received.id}/transfers`, {
      token: other.dispatcher.token,
    });
    expect(incoming.body[0]).toMatchObject({
      direction: "incoming",
      appealId: appeal.id,
      trackingNo: appeal.trackingNo,
      note: body.note,
    });

    const sourceEvents = (await t.eventsOf(s.dispatcher.token, appeal.id)).map((e) => e.type);
    expect(sourceEvents.slice(-2)).toEqual(["work_order_withdrawn", "transferred"]);
    const targetEvents = await t.eventsOf(other.dispatcher.token, received.id);
    expect(targetEvents).toEqual([
      expect.objectContaining({
        type: "transfer_received",
        details: expect.objectContaining({
          transferredFrom: expect.objectContaining({ trackingNo: appeal.trackingNo }),
        }),
      }),
    ]);
    const sms = (await t.smsOf(appeal.id)).at(-1)!;
    expect(sms.text).toContain(`已函转市政务服务中心协调办理，新受理编号${received.trackingNo}`);
    // The public page says the same, not "不属于本中心受理范围".
    const progress = await t.call(
      "GET",
      `/api/v1/public/appeals/${appeal.trackingNo}?queryCode=${appeal.queryCode}`,
    );
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    expect(JSON.stringify(progress.body)).toContain(
      `已函转市政务服务中心协调办理，新受理编号${received.trackingNo}`,
    );
    expect(JSON.stringify(progress.body)).not.toContain("不属于");
    const targetSms = await t.smsOf(received.id);
    expect(targetSms.map((m) => m.kind)).toEqual(["appeal.received"]);
    expect(targetSms[0]!.text).toContain("【市政务服务中心】");

    // The receiving center handles it with its own departments: dispatching works on its side.
    const preview = await t.call(
      "GET",
      `/api/v1/appeals/${received.id}/dispatch-preview?complexity=general`,
      { token: other.dispatcher.token },
    );
    expect(preview.status).toBe(200);
    await t.expectRefused(
      transfer(appeal.id, { ...body, targetCenterId: other.id }),
      409,
      "ILLEGAL_TRANSITION",
    );
  });
});

describe("移交 (suspected violation)", () => {
  it("records the referral to the authority and keeps the appeal in handling, without telling the requester", async () => {
    const appeal = await t.newAppeal();
    const refer = (b: unknown) => () =>
      t.call("POST", `/api/v1/appeals/${appeal.id}/refer`, { token: s.dispatcher.token, body: b });
    await t.expectRefused(refer({}), 400, "VALIDATION_FAILED", "note");
    const res = await refer({ targetName: "区公安分局", note: "诉求人提交的材料涉嫌伪造" })();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 移交 hands the suspected violation over; the appeal itself is still reviewed and handled.
    expect(res.body.status).toBe("received");
    const records = await t.call("GET", `/api/v1/appeals/${appeal.id}/transfers`, {
      token: s.dispatcher.token,
    });
    expect(records.body[0]).toMatchObject({ targetKind: "authority", targetName: "区公安分局" });
    expect((await t.smsOf(appeal.id)).map((m) => m.kind)).toEqual(["appeal.received"]);
    expect((await t.eventsOf(s.dispatcher.token, appeal.id)).at(-1)!.type).toBe("referred");
  });

  it("keeps the work order when the department has replied; a transfer is refused then", async () => {
    const { appeal, wo } = await t.repliedAppeal("已答复诉求人。");
    const referred = await t.call("POST", `/api/v1/appeals/${appeal.id}/refer`, {
      token: s.dispatcher.token,
      body: { targetName: "区纪委监委", note: "涉嫌违法" },
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    expect(referred.body.status).toBe("replied");
    const order = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.dispatcher.token });
    expect(order.body.status).toBe("replied");
    await t.expectRefused(
      transfer(appeal.id, { targetKind: "external_unit", targetName: "某单位", note: "转办说明" }),
      409,
      "ILLEGAL_TRANSITION",
    );
  });
});
