import { Badge, Button, Card, Tabs } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { type Appeal, useAppeals } from "../../api/appeals.js";
import { useExtensions } from "../../api/extensions.js";
import { usePlans } from "../../api/plans.js";
import { PageHeader } from "../../components/PageHeader.js";
import { DispatchDrawer } from "./DispatchDrawer.js";
import { AppealQueue, ExtensionQueue, PlanQueue } from "./ReviewTables.js";

const TABS = ["review", "extensions", "plans", "closeout"] as const;
type TabKey = (typeof TABS)[number];

function count(label: string, n: number | undefined) {
  return (
    <span>
      {label} <Badge count={n ?? 0} showZero={false} overflowCount={999} />
    </span>
  );
}

/**
 * 审核分办 (dispatcher): appeals waiting for review (received, including orders the lead
 * department returned), pending extension requests, plans awaiting approval and replied appeals
 * awaiting 销号.
 */
export function DispatchPage() {
  const [sp, setSp] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(sp.get("tab") ?? "")
    ? (sp.get("tab") as TabKey)
    : "review";
  // Queues: the longest-waiting first (its limit runs out first).
  const received = useAppeals({ status: "received", sort: "oldest" });
  const replied = useAppeals({ status: "replied", sort: "oldest" });
  const extensions = useExtensions("pending");
  const plans = usePlans("submitted");
  const [target, setTarget] = useState<Appeal | null>(null);
  const rows = (q: typeof received) => q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title="审核分办" />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setSp(k === "review" ? {} : { tab: k }, { replace: true })}
          items={[
            {
              key: "review",
              label: count("待分办", rows(received).length),
              children: (
                <AppealQueue
                  rows={rows(received)}
                  loading={received.isPending}
                  error={received.error}
                  empty="没有待审核分办的诉求"
                  action={(a) => (
                    <Button
                      type="primary"
                      size="small"
                      onClick={() => setTarget(a)}
                      data-testid={`dispatch-open-${a.trackingNo}`}
                    >
                      分办
                    </Button>
                  )}
                />
              ),
            },
            {
              key: "extensions",
              label: count("延期审批", extensions.data?.length),
              children: <ExtensionQueue />,
            },
            { key: "plans", label: count("方案审批", plans.data?.length), children: <PlanQueue /> },
            {
              key: "closeout",
              label: count("待销号", rows(replied).length),
              children: (
                <AppealQueue
                  rows={rows(replied)}
                  loading={replied.isPending}
                  error={replied.error}
                  empty="没有等待核实销号的答复"
                  action={(a) => (
                    <Link to={`/appeals/${a.id}`} data-testid={`closeout-open-${a.trackingNo}`}>
                      核实销号
                    </Link>
                  )}
                />
              ),
            },
          ]}
        />
      </Card>
      <DispatchDrawer appeal={target} onClose={() => setTarget(null)} />
    </>
  );
}
