import { ThunderboltOutlined } from "@ant-design/icons";
import { Alert, App, Button, Tabs, Tooltip } from "antd";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { LIGHTS } from "../../../contracts/appeals.js";
import { BOARD_TARGETS, type SupervisionKind } from "../../../contracts/supervision.js";
import { errorMessage } from "../../api/client.js";
import { useDepartments } from "../../api/departments.js";
import { type BoardFilters, useSweep } from "../../api/supervision.js";
import { useSession } from "../../auth/session.js";
import { PageHeader } from "../../components/PageHeader.js";
import { BoardTab } from "./BoardTab.js";
import { RecordsTab } from "./RecordsTab.js";

type TabKey = "board" | SupervisionKind;

const TABS: { key: TabKey; label: string }[] = [
  { key: "board", label: "看板" },
  { key: "reminder", label: "催办记录" },
  { key: "supervision", label: "督办单" },
  { key: "notice", label: "通报" },
];

const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | undefined =>
  v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
const ID = /^\d{1,19}$/;

/** 立即巡检: the same sweep the timer runs, on demand; the counts say what it did. */
function SweepButton() {
  const sweep = useSweep();
  const { message } = App.useApp();
  return (
    <Tooltip title="立即检查所有时限，按时限策略自动催办、督办、通报">
      <Button
        icon={<ThunderboltOutlined />}
        loading={sweep.isPending}
        data-testid="supervision-sweep"
        onClick={() =>
          sweep.mutate(undefined, {
            onSuccess: (r) =>
              message.success(
                `巡检完成：催办 ${r.reminders} 件，督办 ${r.supervisions} 件，通报 ${r.notices} 件，跳过 ${r.skipped} 件`,
              ),
            onError: (e) => message.error(`巡检失败：${errorMessage(e)}`),
          })
        }
      >
        立即巡检
      </Button>
    </Tooltip>
  );
}

/**
 * 督办中心 (DESIGN.md §2 item 6): the board of due-soon and overdue items by department, and the
 * 催办 / 督办单 / 通报 records. Supervisors act; leaders see everything read-only. The tab and the
 * filters live in the query string so a view can be bookmarked and survives Back.
 */
export function SupervisionPage() {
  const { hasRole } = useSession();
  const canAct = hasRole("supervisor");
  const canSweep = hasRole("supervisor", "admin");
  const [sp, setSp] = useSearchParams();
  const tab: TabKey =
    pick(
      sp.get("tab"),
      TABS.map((t) => t.key),
    ) ?? "board";
  const departmentIdParam = sp.get("departmentId");
  const departmentId = departmentIdParam && ID.test(departmentIdParam) ? departmentIdParam : undefined;
  const boardFilters: BoardFilters = useMemo(
    () => ({
      departmentId,
      light: pick(sp.get("light"), LIGHTS),
      targetKind: pick(sp.get("targetKind"), BOARD_TARGETS),
    }),
    [departmentId, sp],
  );
  const depts = useDepartments({ includeInactive: true });
  const departments = useMemo(
    () => (depts.data ?? []).map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（已停用）` })),
    [depts.data],
  );

  const update = (next: Record<string, string | undefined>) => {
    const merged: Record<string, string> = {};
    const all = { ...Object.fromEntries(sp.entries()), ...next };
    for (const [k, v] of Object.entries(all)) if (v) merged[k] = v;
    if (merged.tab === "board") delete merged.tab;
    setSp(merged, { replace: true });
  };

  return (
    <>
      <PageHeader title="督办中心" extra={canSweep ? <SweepButton /> : undefined} />
      {!canAct && (
        <Alert
          type="info"
          showIcon
          title="领导查看模式：可查看看板与全部记录，催办、督办、通报由督办人员操作。"
          style={{ marginBottom: 16 }}
          data-testid="supervision-readonly"
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k, light: undefined, targetKind: undefined })}
        destroyOnHidden
        items={TABS.map((t) => ({
          key: t.key,
          label: <span data-testid={`supervision-tab-${t.key}`}>{t.label}</span>,
          children:
            t.key === "board" ? (
              <BoardTab
                filters={boardFilters}
                onFilters={(f) =>
                  update({ departmentId: f.departmentId, light: f.light, targetKind: f.targetKind })
                }
                departments={departments}
                canAct={canAct}
              />
            ) : (
              <RecordsTab
                kind={t.key}
                departmentId={departmentId}
                onDepartment={(id) => update({ departmentId: id })}
                departments={departments}
                canAct={canAct}
              />
            ),
        }))}
      />
    </>
  );
}
