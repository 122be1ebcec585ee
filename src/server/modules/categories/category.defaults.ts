/**
 * The default two-level taxonomy (分类) a new center starts with: the areas citizens' appeals
 * at a government service center usually concern. Every center edits its own copy (admin page
 * 分类管理); codes are disabled, never deleted.
 */
export const DEFAULT_CATEGORIES: { code: string; name: string; children: [string, string][] }[] = [
  {
    code: "01",
    name: "行政审批",
    children: [
      ["01.01", "审批时限"],
      ["01.02", "申请材料"],
      ["01.03", "审批结果"],
      ["01.04", "证照办理"],
    ],
  },
  {
    code: "02",
    name: "政务服务",
    children: [
      ["02.01", "办事指南咨询"],
      ["02.02", "网上办事"],
      ["02.03", "预约取号"],
      ["02.04", "跨区域通办"],
    ],
  },
  {
    code: "03",
    name: "窗口服务",
    children: [
      ["03.01", "服务态度"],
      ["03.02", "等候时间"],
      ["03.03", "工作纪律"],
      ["03.04", "一次性告知"],
    ],
  },
  {
    code: "04",
    name: "收费",
    children: [
      ["04.01", "收费标准"],
      ["04.02", "违规收费"],
      ["04.03", "退费"],
    ],
  },
  {
    code: "05",
    name: "市场监管",
    children: [
      ["05.01", "经营主体登记"],
      ["05.02", "食品安全"],
      ["05.03", "消费维权"],
      ["05.04", "价格"],
    ],
  },
  {
    code: "06",
    name: "社会保障",
    children: [
      ["06.01", "社会保险"],
      ["06.02", "医疗保障"],
      ["06.03", "就业创业"],
      ["06.04", "劳动权益"],
    ],
  },
  {
    code: "07",
    name: "住房",
    children: [
      ["07.01", "住房公积金"],
      ["07.02", "不动产登记"],
      ["07.03", "物业管理"],
      ["07.04", "保障性住房"],
    ],
  },
  {
    code: "08",
    name: "交通",
    children: [
      ["08.01", "道路交通"],
      ["08.02", "公共交通"],
      ["08.03", "车驾管"],
    ],
  },
  {
    code: "09",
    name: "环境",
    children: [
      ["09.01", "噪声"],
      ["09.02", "污染"],
      ["09.03", "市容环卫"],
    ],
  },
  {
    code: "10",
    name: "户籍证件",
    children: [
      ["10.01", "户籍"],
      ["10.02", "居住证"],
      ["10.03", "身份证"],
    ],
  },
  {
    code: "99",
    name: "其他",
    children: [
      ["99.01", "意见建议"],
      ["99.99", "其他事项"],
    ],
  },
];
