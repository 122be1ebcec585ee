import { Tag } from "antd";
import { DAY_KIND_LABELS, type DayKind } from "../../contracts/enums.js";

export const DAY_KIND_COLORS: Record<DayKind, string> = {
  workday: "default",
  weekend: "default",
  holiday: "red",
  makeup_workday: "orange",
};

export function DayKindTag({ kind, name }: { kind: DayKind; name?: string | null }) {
  return (
    <Tag color={DAY_KIND_COLORS[kind]}>
      {DAY_KIND_LABELS[kind]}
      {name ? `（${name}）` : ""}
    </Tag>
  );
}
