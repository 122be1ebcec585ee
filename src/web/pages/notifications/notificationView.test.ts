import { describe, expect, it } from "vitest";
import { consoleLink, kindLabel, kindTag, unreadText } from "./notificationView.js";

describe("inbox message helpers", () => {
  it("follows only console paths", () => {
    expect(consoleLink("/appeals/42")).toBe("/appeals/42");
    expect(consoleLink(" /supervision?light=red ")).toBe("/supervision?light=red");
    for (const bad of [
      null,
      undefined,
      "",
      "//evil.example/x",
      "/\\evil.example",
      "https://x.cn/a",
      "javascript:alert(1)",
    ])
      expect(consoleLink(bad), String(bad)).toBeNull();
  });

  it("names the supervision kinds in Chinese", () => {
    expect(kindLabel("reminder")).toBe("催办");
    expect(kindLabel("supervision")).toBe("督办");
    expect(kindLabel("supervision.order")).toBe("督办");
    expect(kindLabel("supervision.notice")).toBe("通报");
    expect(kindLabel("toString")).toBeNull();
    expect(kindLabel("password_reset")).toBeNull();
    // No tag when the title already starts with it.
    expect(kindTag("supervision.reminder", "催办：工作单 GD202612010003")).toBeNull();
    expect(kindTag("supervision.notice", "工作单 GD202612010003 逾期")).toBe("通报");
  });

  it("says how many are unread", () => {
    expect(unreadText(0)).toBe("没有未读消息");
    expect(unreadText(3)).toBe("3 条未读消息");
    expect(unreadText(120)).toBe("99+ 条未读消息");
  });
});
