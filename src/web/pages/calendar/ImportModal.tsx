import { InboxOutlined } from "@ant-design/icons";
import { Alert, App, Descriptions, InputNumber, Modal, Upload } from "antd";
import { useState } from "react";
import { useImportCalendar } from "../../api/calendar.js";
import { ApiError, errorMessage } from "../../api/client.js";

interface JsonCalendarFile {
  year: number;
  source?: string;
  days: { date?: string; kind?: string; name?: string }[];
}

type Parsed =
  | { kind: "json"; fileName: string; body: JsonCalendarFile }
  | { kind: "ics"; fileName: string; text: string; events: number };

function parseFile(fileName: string, text: string): Parsed {
  if (/\.ics$/i.test(fileName) || text.trimStart().startsWith("BEGIN:VCALENDAR")) {
    const events = (text.match(/^BEGIN:VEVENT/gm) ?? []).length;
    if (events === 0) throw new Error("iCalendar 文件中没有日程（VEVENT）");
    return { kind: "ics", fileName, text, events };
  }
  let b: Partial<JsonCalendarFile> | null;
  try {
    b = JSON.parse(text);
  } catch {
    throw new Error("文件不是有效的 JSON 或 iCalendar（.ics）格式");
  }
  if (typeof b?.year !== "number" || !Array.isArray(b.days)) {
    throw new Error("JSON 文件须包含 year（年份）、source（来源）和 days（日期列表），格式与“导出 JSON”相同");
  }
  return { kind: "json", fileName, body: b as JsonCalendarFile };
}

function errorDetails(e: unknown) {
  if (!(e instanceof ApiError) || e.details.length === 0) return undefined;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {e.details.slice(0, 10).map((d) => (
        <li key={`${d.path}:${d.message}`}>
          {d.path ? `${d.path}：` : ""}
          {d.message}
        </li>
      ))}
    </ul>
  );
}

/** Import a year's holiday notice (JSON as exported, or an .ics file). */
export function ImportModal({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }) {
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [icsYear, setIcsYear] = useState<number>(year);
  const importCal = useImportCalendar();
  const { message } = App.useApp();

  const close = () => {
    setParsed(null);
    setParseError(null);
    importCal.reset();
    onClose();
  };

  const submit = async () => {
    if (!parsed) return;
    try {
      const r = await importCal.mutateAsync(
        parsed.kind === "json"
          ? { kind: "json", body: parsed.body }
          : { kind: "ics", text: parsed.text, year: icsYear },
      );
      message.success(
        `已导入 ${r.year} 年节假日安排：法定节假日 ${r.holidays} 天，调休上班 ${r.makeupWorkdays} 天` +
          (r.replaced ? `（替换原有调整 ${r.replaced} 条）` : ""),
        6,
      );
      close();
    } catch {
      // shown below from importCal.error
    }
  };

  const counts =
    parsed?.kind === "json"
      ? {
          holiday: parsed.body.days.filter((d) => d.kind === "holiday").length,
          makeup: parsed.body.days.filter((d) => d.kind === "makeup_workday").length,
        }
      : null;

  return (
    <Modal
      title="导入节假日安排"
      open={open}
      onCancel={close}
      onOk={submit}
      okText="导入"
      okButtonProps={{ disabled: !parsed }}
      confirmLoading={importCal.isPending}
      destroyOnHidden
    >
      <Upload.Dragger
        accept=".json,.ics,application/json,text/calendar"
        maxCount={1}
        showUploadList={false}
        beforeUpload={async (file) => {
          setParseError(null);
          importCal.reset();
          try {
            const p = parseFile(file.name, await file.text());
            setParsed(p);
            if (p.kind === "json") setIcsYear(p.body.year);
          } catch (e) {
            setParsed(null);
            setParseError(errorMessage(e));
          }
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入文件</p>
        <p className="ant-upload-hint">支持本系统导出的 JSON 文件或 iCalendar（.ics）文件</p>
      </Upload.Dragger>
      {parseError && <Alert type="error" showIcon title={parseError} style={{ marginTop: 16 }} />}
      {parsed && (
        <Descriptions column={1} size="small" bordered style={{ marginTop: 16 }}>
          <Descriptions.Item label="文件">{parsed.fileName}</Descriptions.Item>
          {parsed.kind === "json" ? (
            <>
              <Descriptions.Item label="年份">{parsed.body.year} 年</Descriptions.Item>
              <Descriptions.Item label="来源">
                {parsed.body.source || "（未填写，导入将被拒绝）"}
              </Descriptions.Item>
              <Descriptions.Item label="内容">
                法定节假日 {counts?.holiday} 天，调休上班 {counts?.makeup} 天
              </Descriptions.Item>
            </>
          ) : (
            <>
              <Descriptions.Item label="日程数">{parsed.events} 条</Descriptions.Item>
              <Descriptions.Item label="年份">
                <InputNumber
                  min={2000}
                  max={2100}
                  value={icsYear}
                  onChange={(v) => v && setIcsYear(v)}
                  aria-label="年份"
                />
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}
      {importCal.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(importCal.error)}
          description={errorDetails(importCal.error)}
          style={{ marginTop: 16 }}
        />
      )}
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        title="导入将替换该年份原有的全部日期调整，并将该年标记为已载入；该年的临时期限随之重新核定。"
      />
    </Modal>
  );
}
