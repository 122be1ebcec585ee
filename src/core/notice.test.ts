import { describe, expect, it } from "vitest";
import { REJECT_REASONS } from "../contracts/appeals.js";
import { buildNotice, describeLimit } from "./notice.js";
import { DEFAULT_TIME_LIMIT_POLICY } from "./time-limits.js";

const input = {
  center: {
    code: "hx",
    name: "海星区政务服务中心",
    address: "海星区人民路 88 号一楼",
    phone: "0571-88886666",
    hours: "工作日 9:00—12:00，13:30—17:00" as string | null,
  },
  policy: DEFAULT_TIME_LIMIT_POLICY,
  departments: [
    { name: "区市场监管局", location: "A 区 3 号窗口", phone: "0571-88881234", services: ["营业执照"] },
  ],
  portalUrl: "https://zwfw.example.gov.cn/portal",
};

describe("public notice (公示受理方式)", () => {
  it("lists the six channels with the center's own address, phone and portal", () => {
    const n = buildNotice(input);
    expect(n.title).toBe("海星区政务服务中心“有诉即办”受理方式公示");
    expect(n.channels.map((c) => c.code)).toEqual([
      "onsite",
      "phone",
      "portal",
      "miniapp",
      "hotline_12345",
      "letter",
    ]);
    const by = Object.fromEntries(n.channels.map((c) => [c.code, c]));
    expect(by.onsite?.howTo).toContain("海星区人民路 88 号一楼");
    expect(by.phone?.contact).toBe("0571-88886666");
    expect(by.phone?.howTo).toContain("0571-88886666");
    expect(by.portal?.contact).toBe("https://zwfw.example.gov.cn/portal");
    expect(by.hotline_12345?.contact).toBe("12345");
    expect(by.letter?.howTo).toContain("来信请寄：海星区人民路 88 号一楼");
    // The service hours the center set (中心信息) say when to come and call.
    expect(by.onsite?.howTo).toContain("服务时间（工作日 9:00—12:00，13:30—17:00）内");
    expect(by.phone?.howTo).toContain(
      "服务时间（工作日 9:00—12:00，13:30—17:00）内拨打中心咨询电话 0571-88886666",
    );
    expect(n.center.hours).toBe("工作日 9:00—12:00，13:30—17:00");
  });

  it("still reads well when the center has no address or phone configured", () => {
    const n = buildNotice({ ...input, center: { ...input.center, address: null, phone: null, hours: null } });
    const text = JSON.stringify(n);
    expect(text).not.toContain("null，");
    expect(text).not.toContain("undefined");
    // No number, no address: those channels are not published rather than pointing elsewhere.
    expect(text).not.toContain("见导引服务台公示");
    expect(n.channels.map((c) => c.code)).toEqual(["onsite", "portal", "miniapp", "hotline_12345"]);
    expect(n.channels[0]?.howTo).toContain("工作日办公时间");
  });

  it("states what is accepted and the seven non-acceptance items with where to go", () => {
    const n = buildNotice(input);
    expect(n.scope.text).toContain("投诉、意见、建议、疑问");
    expect(n.scope.types.map((t) => t.label)).toEqual(["投诉", "意见", "建议", "咨询", "疑难复杂问题"]);
    expect(n.nonAcceptance.map((x) => x.reason)).toEqual([...REJECT_REASONS]);
    const emergency = n.nonAcceptance.find((x) => x.reason === "emergency");
    expect(emergency?.contacts.map((c) => c.phone)).toEqual(["110", "119", "120", "122"]);
    expect(n.nonAcceptance.find((x) => x.reason === "legal_procedure")?.whereToGo).toContain("人民法院");
    expect(n.nonAcceptance.find((x) => x.reason === "petition")?.whereToGo).toContain("信访");
    for (const x of n.nonAcceptance) expect(x.whereToGo.length).toBeGreaterThan(4);
  });

  it("takes the time limits from the center's policy", () => {
    const n = buildNotice(input);
    expect(n.timeLimits.map((t) => [t.code, t.limit])).toEqual([
      ["onSite", "当场"],
      ["firstResponse", "1个工作日"],
      ["simpleOffsite", "1个工作日"],
      ["simple", "当日"],
      ["general", "3天"],
      ["multiDepartment", "7天"],
      ["major", "1个月"],
    ]);
    const stricter = buildNotice({
      ...input,
      policy: {
        ...DEFAULT_TIME_LIMIT_POLICY,
        general: { rule: "working_days", n: 2 },
        major: { rule: "calendar_days", n: 20 },
      },
    });
    expect(stricter.timeLimits.find((t) => t.code === "general")?.limit).toBe("2个工作日");
    expect(stricter.timeLimits.find((t) => t.code === "major")?.description).toContain("20天内落实解决");
  });

  it("describes every deadline rule in Chinese", () => {
    expect(describeLimit({ rule: "same_day" })).toBe("当日");
    expect(describeLimit({ rule: "working_days", n: 5 })).toBe("5个工作日");
    expect(describeLimit({ rule: "calendar_days", n: 15 })).toBe("15天");
    expect(describeLimit({ rule: "months", n: 2 })).toBe("2个月");
  });

  it("includes the department directory", () => {
    expect(buildNotice(input).departments).toEqual(input.departments.map((d) => ({ ...d, hours: null })));
  });
});
