import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Button, Calendar, Flex, Typography } from "antd";
import { DAY_KIND_LABELS, type DayKind } from "../../../contracts/enums.js";
import type { Dayjs } from "../../lib/time.js";
import { type DayMap, dayTitle, fallbackKind } from "./calendarData.js";

interface Props {
  value: Dayjs;
  days: DayMap;
  today: string;
  provisional: boolean;
  onChange: (d: Dayjs) => void;
  onPick?: (date: string) => void;
}

/** What a month cell says under the number: the holiday's name, or the kind when it is not a plain workday. */
function cellLabel(kind: DayKind, name: string | undefined): string | null {
  if (kind === "holiday") return name || DAY_KIND_LABELS.holiday;
  if (kind === "workday") return name || null;
  return DAY_KIND_LABELS[kind];
}

/** Month view on antd's Calendar: big cells with the kind and the holiday name. */
export function MonthView({ value, days, today, provisional, onChange, onPick }: Props) {
  return (
    <Calendar
      value={value}
      mode="month"
      onPanelChange={(d) => onChange(d)}
      onSelect={(d, info) => {
        onChange(d);
        if (info.source === "date" && onPick) onPick(d.format("YYYY-MM-DD"));
      }}
      // The year view is our own; the header only steps through months.
      headerRender={({ value: v, onChange: set }) => (
        <Flex justify="center" align="center" gap={12} style={{ padding: "8px 0 12px" }}>
          <Button icon={<LeftOutlined />} aria-label="上个月" onClick={() => set(v.subtract(1, "month"))} />
          <Typography.Title level={4} style={{ margin: 0, minWidth: 140, textAlign: "center" }}>
            {v.year()}年{v.month() + 1}月
          </Typography.Title>
          <Button icon={<RightOutlined />} aria-label="下个月" onClick={() => set(v.add(1, "month"))} />
        </Flex>
      )}
      fullCellRender={(current: Dayjs, info) => {
        if (info.type !== "date") return info.originNode;
        const date = current.format("YYYY-MM-DD");
        const day = days.get(date);
        const kind = day?.kind ?? fallbackKind(date);
        const cls = [
          "cal-month-cell",
          `kind-${kind}`,
          onPick ? "editable" : "",
          current.isSame(value, "month") ? "" : "outside",
          date === today ? "cal-today" : "",
          provisional ? "kind-provisional" : "",
        ].join(" ");
        const label = cellLabel(kind, day?.name);
        return (
          <div
            className={cls}
            title={dayTitle(date, day)}
            data-testid="cal-month-day"
            data-date={date}
            data-kind={kind}
          >
            <span className="num">{current.date()}</span>
            {label && <span className="label">{label}</span>}
          </div>
        );
      }}
    />
  );
}
