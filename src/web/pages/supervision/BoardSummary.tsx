import { Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Statistic, Tag, Typography } from "antd";
import { lazy, Suspense } from "react";
import { LIGHTS, type Light } from "../../../contracts/appeals.js";
import { LIGHT_COLORS, LIGHT_TAGS, type SummaryRow, sortSummary, summaryTotals } from "./supervisionUi.js";

const BoardChart = lazy(() => import("./BoardChart.js"));

export function LightTag({ light }: { light: Light }) {
  return (
    <Tag color={LIGHT_TAGS[light].color} data-testid={`light-${light}`} style={{ marginInlineEnd: 0 }}>
      {LIGHT_TAGS[light].text}
    </Tag>
  );
}

/** One clickable total per light: Enter or Space filters the table to that light (again: all). */
function TotalCard({
  light,
  value,
  active,
  onToggle,
}: {
  light: Light;
  value: number;
  active: boolean;
  onToggle: () => void;
}) {
  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      aria-pressed={active}
      data-testid={`total-${light}`}
      onClick={onToggle}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onToggle();
        }
      }}
      style={{ borderColor: active ? LIGHT_COLORS[light] : undefined, borderWidth: active ? 2 : 1 }}
    >
      <Statistic
        title={
          <Space size={6}>
            <span
              aria-hidden
              style={{
                display: "inline-block",
                width: 10,
                height: 10,
                borderRadius: "50%",
                background: LIGHT_COLORS[light],
              }}
            />
            {LIGHT_TAGS[light].text}
          </Space>
        }
        value={value}
        suffix="件"
        styles={{ content: { color: light === "red" && value > 0 ? LIGHT_COLORS.red : undefined } }}
      />
    </Card>
  );
}

export function Summary({
  rows,
  loading,
  light,
  onLight,
  onDepartment,
}: {
  rows: SummaryRow[];
  loading: boolean;
  light?: Light;
  onLight: (l: Light | undefined) => void;
  onDepartment: (row: SummaryRow) => void;
}) {
  const totals = summaryTotals(rows);
  const sorted = sortSummary(rows);
  return (
    <Card size="small" title="各部门临期、超期情况" style={{ marginBottom: 16 }} data-testid="board-summary">
      <Row gutter={[16, 16]}>
        {LIGHTS.map((l) => (
          <Col key={l} xs={24} sm={8}>
            <TotalCard
              light={l}
              value={totals[l]}
              active={light === l}
              onToggle={() => onLight(light === l ? undefined : l)}
            />
          </Col>
        ))}
        <Col span={24}>
          {loading ? (
            <Skeleton active />
          ) : sorted.length === 0 ? (
            <Empty description="目前没有办理中的事项。派单后，各部门的待办会按时限显示在这里。" />
          ) : (
            <>
              <Suspense fallback={<Skeleton active />}>
                <BoardChart rows={sorted} onPickDepartment={onDepartment} />
              </Suspense>
              {/* The same figures as text: for screen readers, keyboard users and printing. */}
              <Flex wrap gap={8} style={{ marginTop: 8 }} data-testid="summary-departments">
                {sorted.map((r) => (
                  <Button
                    key={r.departmentId ?? "center"}
                    size="small"
                    onClick={() => onDepartment(r)}
                    data-testid={`summary-dept-${r.departmentId ?? "center"}`}
                  >
                    {r.departmentName}
                    <Typography.Text type="danger">红 {r.red}</Typography.Text>
                    <Typography.Text type="warning">黄 {r.yellow}</Typography.Text>
                    <Typography.Text type="success">绿 {r.green}</Typography.Text>
                  </Button>
                ))}
              </Flex>
            </>
          )}
        </Col>
      </Row>
    </Card>
  );
}
