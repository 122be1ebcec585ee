import { DownloadOutlined, LeftOutlined, RightOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, DatePicker, Dropdown, Row, Segmented, Space, Spin } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { exportUrl, useCalendarDays, useCalendarYears } from "../../api/calendar.js";
import { errorMessage } from "../../api/client.js";
import { useSession } from "../../auth/session.js";
import { PageHeader } from "../../components/PageHeader.js";
import { centerToday, type Dayjs, dayjs } from "../../lib/time.js";
import { CalendarLegend } from "./CalendarLegend.js";
import { toDayMap } from "./calendarData.js";
import { DayEditModal } from "./DayEditModal.js";
import { HolidayList } from "./HolidayList.js";
import { ImportModal } from "./ImportModal.js";
import { MarkLoadedButton } from "./MarkLoadedButton.js";
import { MonthView } from "./MonthView.js";
import { YearView } from "./YearView.js";

type View = "year" | "month";

/** 工作日历: every day of the year as workday / weekend / holiday / make-up workday. */
export function CalendarPage() {
  const { hasRole } = useSession();
  const canEdit = hasRole("admin");
  const today = centerToday();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("year")) || Number(today.slice(0, 4));
  const view: View = params.get("view") === "month" ? "month" : "year";
  const [cursor, setCursor] = useState<Dayjs>(() => dayjs(today));
  const [editing, setEditing] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const days = useCalendarDays(`${year}-01-01`, `${year}-12-31`);
  const years = useCalendarYears();
  const dayMap = useMemo(() => toDayMap(days.data), [days.data]);
  const loaded = years.data?.loaded.some((y) => y.year === year);
  const provisional = years.isSuccess && !loaded;

  const setYearView = (y: number, v: View = view) => {
    const next = new URLSearchParams(params);
    next.set("year", String(y));
    next.set("view", v);
    setParams(next, { replace: true });
    if (cursor.year() !== y) setCursor(cursor.year(y));
  };
  const onMonthChange = (d: Dayjs) => {
    setCursor(d);
    if (d.year() !== year) setYearView(d.year());
  };
  const pick = canEdit ? setEditing : undefined;

  return (
    <>
      <PageHeader
        title="工作日历"
        extra={
          <Space wrap>
            <Space.Compact>
              <Button icon={<LeftOutlined />} aria-label="上一年" onClick={() => setYearView(year - 1)} />
              <DatePicker
                picker="year"
                allowClear={false}
                value={dayjs(`${year}-01-01`)}
                onChange={(d) => d && setYearView(d.year())}
                format="YYYY年"
                aria-label="选择年份"
                style={{ width: 110 }}
                data-testid="cal-year-picker"
              />
              <Button icon={<RightOutlined />} aria-label="下一年" onClick={() => setYearView(year + 1)} />
            </Space.Compact>
            <Segmented<View>
              value={view}
              onChange={(v) => setYearView(year, v)}
              options={[
                { value: "year", label: "年视图" },
                { value: "month", label: "月视图" },
              ]}
            />
            {canEdit && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="cal-import">
                导入
              </Button>
            )}
            <Dropdown
              menu={{
                items: [
                  {
                    key: "json",
                    label: (
                      <a href={exportUrl(year, "json")} download={`holidays-${year}.json`}>
                        导出 JSON
                      </a>
                    ),
                  },
                  {
                    key: "ics",
                    label: (
                      <a href={exportUrl(year, "ics")} download={`holidays-${year}.ics`}>
                        导出 iCalendar（.ics）
                      </a>
                    ),
                  },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>导出</Button>
            </Dropdown>
          </Space>
        }
      />
      {provisional && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="cal-year-missing"
          title={`${year} 年的国务院节假日安排尚未载入`}
          description={
            canEdit
              ? "该年期限暂按仅排除周末计算，并标记为“临时期限”。通知发布后（通常在前一年 11 月），请点击“导入”，或逐日设置后点击“标记为已载入”。"
              : "该年期限暂按仅排除周末计算，并标记为“临时期限”。请联系系统管理员载入通知。"
          }
          action={canEdit ? <MarkLoadedButton year={year} /> : undefined}
        />
      )}
      {years.data?.warning && !provisional && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={years.data.warning} />
      )}
      {days.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`日历加载失败：${errorMessage(days.error)}`}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          <Card
            title={<CalendarLegend provisional={provisional} />}
            extra={canEdit ? <span style={{ color: "rgba(0,0,0,.45)" }}>点击日期可修改</span> : null}
          >
            <Spin spinning={days.isFetching}>
              {view === "year" ? (
                <YearView year={year} days={dayMap} today={today} provisional={provisional} onPick={pick} />
              ) : (
                <MonthView
                  value={cursor.year() === year ? cursor : cursor.year(year)}
                  days={dayMap}
                  today={today}
                  provisional={provisional}
                  onChange={onMonthChange}
                  onPick={pick}
                />
              )}
            </Spin>
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <Card title={`${year} 年节假日安排`}>
            <HolidayList days={days.data} year={year} />
          </Card>
        </Col>
      </Row>
      <DayEditModal
        date={editing}
        day={editing ? dayMap.get(editing) : undefined}
        onClose={() => setEditing(null)}
      />
      <ImportModal open={importing} year={year} onClose={() => setImporting(false)} />
    </>
  );
}
