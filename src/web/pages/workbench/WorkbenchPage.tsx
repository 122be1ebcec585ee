import { Card, Col, Row, Space, Tag, Typography } from "antd";
import { createElement } from "react";
import { Link } from "react-router";
import { ROLE_LABELS } from "../../../contracts/enums.js";
import { useSession } from "../../auth/session.js";
import { InboxSummaryCard } from "../../components/InboxSummaryCard.js";
import { PageHeader } from "../../components/PageHeader.js";
import { visibleLeaves } from "../../layout/menu.js";
import { HeadlineCard } from "./HeadlineCard.js";
import { TodayCard } from "./TodayCard.js";
import { TodoCard } from "./TodoCard.js";
import { UnreadCard } from "./UnreadCard.js";

function greeting(hour: number): string {
  if (hour < 11) return "上午好";
  if (hour < 13) return "中午好";
  if (hour < 18) return "下午好";
  return "晚上好";
}

/** 工作台: who I am, what today is, my unread messages, and the screens my roles open. */
export function WorkbenchPage() {
  const { user } = useSession();
  if (!user) return null;
  const shortcuts = visibleLeaves(user.roles).filter((e) => e.path && e.path !== "/");

  return (
    <>
      <PageHeader title="工作台" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {greeting(new Date().getHours())}，{user.displayName}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {[user.centerName, user.departmentName, user.post].filter(Boolean).join(" · ")}
            </Typography.Paragraph>
            <Space size={[0, 8]} wrap>
              {user.roles.map((r) => (
                <Tag key={r} color="blue">
                  {ROLE_LABELS[r]}
                </Tag>
              ))}
            </Space>
          </Card>
          {(user.roles.includes("leader") || user.roles.includes("supervisor")) && <HeadlineCard />}
          <TodoCard />
          <Card title="常用功能" style={{ marginTop: 16 }}>
            <Row gutter={[12, 12]}>
              {shortcuts.map((e) => (
                <Col key={e.key} xs={12} md={8}>
                  <Link to={e.path!} data-testid={`shortcut-${e.key}`}>
                    <Card hoverable size="small" style={{ textAlign: "center" }}>
                      <div style={{ fontSize: 24 }}>{e.icon ? createElement(e.icon) : null}</div>
                      <div>{e.label}</div>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <TodayCard />
          <UnreadCard />
          {user.roles.includes("window") && <InboxSummaryCard />}
        </Col>
      </Row>
    </>
  );
}
