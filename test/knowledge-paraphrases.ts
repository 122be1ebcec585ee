/**
 * Clerk paraphrases of the starter knowledge articles (issue 12: "the right article in the top 3
 * for a clerk's paraphrase"), each with the title of the starter article that answers it.
 * Written in everyday words for this set, before the ranking was tuned against it, and kept apart
 * from the wordings of knowledge.test.ts and of the benchmark's latency queries. Used by the
 * knowledge benchmark (top-3 hit rate at 30 and at 100,000 articles) and by the knowledge tests.
 */
export const PARAPHRASES: readonly (readonly [query: string, title: string])[] = [
  ["我开的小店不做了，个体执照要怎么销掉", "个体工商户注销登记"],
  ["个体户关门了营业执照怎么处理", "个体工商户注销登记"],
  ["店里的营业执照弄丢了能补吗", "营业执照遗失补领"],
  ["公司换地址了执照要改吗", "营业执照变更登记（名称、地址、经营范围）"],
  ["想自己开个小饭店要办哪些证", "食品经营许可"],
  ["公司没开张过，想简单点注销掉", "企业简易注销"],
  ["去外省上班了，养老保险怎么转", "社会保险关系转移（跨省）"],
  ["社保卡找不到了怎么办", "社会保障卡补办"],
  ["没有单位自己怎么交养老保险", "灵活就业人员参加养老保险"],
  ["被辞退了失业金怎么领", "失业保险金申领"],
  ["租房子能不能用公积金付房租", "住房公积金提取（租房）"],
  ["退休以后公积金怎么全部取出来", "住房公积金提取（离职、退休）"],
  ["换了城市上班，公积金账户能转过去吗", "住房公积金异地转移接续"],
  ["居住证快过期了怎么续", "居住证签注"],
  ["身份证丢在外地了能就地补吗", "身份证补领（遗失）"],
  ["买的二手房怎么过户", "不动产登记（二手房过户）"],
  ["房产证找不到了", "不动产权证书遗失补发"],
  ["拿房子去银行抵押要登记吗", "不动产抵押登记"],
  ["刚生了孩子怎么报户口", "新生儿落户"],
  ["在外地看病医保怎么报销", "医保异地就医备案"],
  ["没工作的人医保在哪交", "城乡居民医保参保缴费"],
  ["老人领退休金每年都要认证吗", "退休养老金领取资格认证"],
  ["驾驶证过期了去哪换", "机动车驾驶证换证"],
  ["个体店转让给别人，执照上的名字能改吗", "个体工商户变更经营者"],
  ["盖厂房要先办什么许可", "工程建设项目施工许可"],
  ["窗口工作人员态度差在哪投诉", "政务服务“好差评”与投诉渠道"],
  ["办事总要开证明，能不能不开", "办事需要的证明材料“免提交”"],
  ["丢了工作想办个就业创业证", "就业创业证申领"],
  ["想开个体户需要什么手续", "个体工商户设立登记"],
  ["我想把个体户关掉要办什么", "个体工商户注销登记"],
];

const MATTERS = [
  "营业执照",
  "食品经营许可",
  "社保卡",
  "养老保险",
  "医疗保险",
  "失业保险金",
  "住房公积金",
  "居住证",
  "身份证",
  "户口",
  "不动产登记",
  "房产证",
  "驾驶证",
  "行驶证",
  "出入境证件",
  "结婚登记",
  "出生医学证明",
  "残疾人证",
  "低保",
  "临时救助",
  "退役军人优待证",
  "施工许可",
  "排污许可",
  "药品经营许可",
  "道路运输证",
  "税务登记",
  "发票申领",
  "公证",
  "法律援助",
  "老年人优待证",
  "独生子女证",
  "教师资格",
  "医师执业注册",
  "烟草专卖许可",
  "危险化学品经营许可",
  "林木采伐许可",
  "取水许可",
  "特种设备使用登记",
  "消防验收",
  "人防审批",
];
const ACTIONS = [
  "办理",
  "变更",
  "注销",
  "补办",
  "提取",
  "转移",
  "申领",
  "续期",
  "查询",
  "年审",
  "迁移",
  "核验",
];
const WHO = ["个人", "企业", "个体工商户", "老年人", "外地人员", "退役军人", "学生", "农民工", "残疾人"];
const WHERE = ["城关街道", "东城区", "西湖镇", "高新区", "经开区", "南山乡", "北港街道", "临江镇"];
/**
 * N articles from service-center vocabulary (40 matters × 12 actions × 9 kinds of requester × 8
 * places): thousands of near-duplicates per topic ("个体工商户营业执照注销（经开区）第3920号"), the
 * hard corpus the starter articles must still be found in.
 */
export function nearDuplicateArticles(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const m = MATTERS[i % MATTERS.length] as string;
    const a = ACTIONS[Math.floor(i / MATTERS.length) % ACTIONS.length] as string;
    const w = WHO[Math.floor(i / 7) % WHO.length] as string;
    const p = WHERE[Math.floor(i / 11) % WHERE.length] as string;
    out.push({
      title: `${w}${m}${a}（${p}）第${i}号`,
      question: `${w}在${p}怎么${a}${m}？需要带什么材料，多长时间办好？`,
      answer: `${w}${a}${m}，请携带本人有效身份证件及相关材料到${p}便民服务中心窗口办理，也可在政务服务网申请。材料齐全的，一般在规定时限内办结。咨询电话见部门通讯录。编号${i}。`,
      tags: [m, a, w],
    });
  }
  return out;
}
