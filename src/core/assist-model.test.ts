import { describe, expect, it } from "vitest";
import { departmentPriorExamples, deserializeModel, predict, serializeModel, train } from "./assist-model.js";
import { textFeatures } from "./assist-text.js";
import { normalizeText } from "./normalize-text.js";
import { bands, fromSigned, hamming, simhash, toSigned } from "./simhash.js";

const FIXTURE = [
  { label: "tax", text: "个体户开发票去哪里领" },
  { label: "tax", text: "个人所得税汇算清缴怎么退税" },
  { label: "tax", text: "买房的契税交多少" },
  { label: "tax", text: "公司注销前要先清税吗" },
  { label: "fund", text: "租房能不能提取公积金" },
  { label: "fund", text: "公积金贷款能贷多少" },
  { label: "fund", text: "离职了公积金怎么取出来" },
  { label: "fund", text: "公积金账户转移怎么办" },
  { label: "police", text: "身份证丢了怎么补办" },
  { label: "police", text: "孩子出生怎么上户口" },
  { label: "police", text: "办护照要什么材料" },
  { label: "police", text: "户口迁移需要什么手续" },
];

describe("suggestion model", () => {
  it("learns a small fixture deterministically and ranks the right label first", () => {
    const a = train(FIXTURE, { calibrationFolds: 0 });
    const b = train(FIXTURE, { calibrationFolds: 0 });
    expect(a).not.toBeNull();
    expect(Array.from(a?.weights ?? [])).toEqual(Array.from(b?.weights ?? []));
    const m = a as NonNullable<typeof a>;
    expect(predict(m, "我想问下发票怎么开")[0]?.label).toBe("tax");
    expect(predict(m, "公积金可以提出来付房租吗")[0]?.label).toBe("fund");
    expect(predict(m, "身份证过期了要去换")[0]?.label).toBe("police");
    const r = predict(m, "公积金贷款");
    expect(r.map((x) => x.label).sort()).toEqual(["fund", "police", "tax"]);
    expect(r.reduce((s, x) => s + x.confidence, 0)).toBeCloseTo(1, 5);
    expect(r[0]?.confidence).toBeGreaterThan(r[1]?.confidence ?? 1);
  });

  it("has nothing to learn without examples or with a single department", () => {
    expect(train([])).toBeNull();
    expect(
      train([
        { label: "tax", text: "开发票" },
        { label: "tax", text: "交个税" },
      ]),
    ).toBeNull();
    expect(
      train([
        { label: "a", text: "，。！" },
        { label: "b", text: "???" },
      ]),
    ).toBeNull();
  });

  it("says nothing for a text without words, and survives storage unchanged", () => {
    const m = train(FIXTURE, { calibrationFolds: 0 }) as NonNullable<ReturnType<typeof train>>;
    expect(predict(m, "。。。！！")).toEqual([]);
    const back = deserializeModel(JSON.parse(JSON.stringify(serializeModel(m))));
    expect(predict(back, "契税怎么交")).toEqual(predict(m, "契税怎么交"));
  });

  it("uses department service lists as prior text", () => {
    const prior = [
      ...departmentPriorExamples({
        label: "fund",
        name: "公积金中心",
        services: ["公积金提取", "公积金贷款"],
      }),
      ...departmentPriorExamples({
        label: "estate",
        name: "不动产登记中心",
        services: ["房产证办理", "抵押登记"],
      }),
    ];
    const m = train(prior, { calibrationFolds: 0 }) as NonNullable<ReturnType<typeof train>>;
    expect(m.examples).toBe(0);
    expect(predict(m, "房产证什么时候能拿到")[0]?.label).toBe("estate");
  });

  it("normalises full-width and traditional characters", () => {
    expect(normalizeText("ＡＢＣ１２３")).toBe("abc123");
    expect(normalizeText("個人所得稅")).toBe("个人所得税");
    expect([...textFeatures("辦理營業執照").keys()]).toEqual([...textFeatures("办理营业执照").keys()]);
  });
});

describe("simhash", () => {
  it("gives near-identical texts near fingerprints that share a band", () => {
    const a = simhash("小区门口的路灯坏了三个月没人修，晚上很黑") as bigint;
    const b = simhash("小区门口的路灯坏了三个月没人修，晚上特别黑") as bigint;
    const c = simhash("想咨询公积金贷款的额度") as bigint;
    expect(hamming(a, b)).toBeLessThan(hamming(a, c));
    expect(bands(a).some((x) => bands(b).includes(x))).toBe(true);
    expect(fromSigned(toSigned(a))).toBe(a);
    expect(simhash("，。")).toBeNull();
  });
});
