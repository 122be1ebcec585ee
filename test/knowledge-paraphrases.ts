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
