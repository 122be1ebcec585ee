import { Col, Row } from "antd";
import { useState } from "react";
import type { Channel } from "../../../contracts/appeals.js";
import type { Appeal, CreatedAppeal } from "../../api/appeals.js";
import { PageHeader } from "../../components/PageHeader.js";
import { IntakeForm } from "./IntakeForm.js";
import { IntakeSuccess } from "./IntakeSuccess.js";
import "./intake.css";

export interface Saved {
  created: CreatedAppeal;
  final: Appeal | null;
  followUpError: string | null;
}

/** 诉求登记: the keyboard-first intake form, then the receipt panel, then the next requester. */
export function IntakePage() {
  const [saved, setSaved] = useState<Saved | null>(null);
  // A new form (fresh Idempotency-Key, empty fields) for every requester.
  const [round, setRound] = useState(0);
  // A phone seat records phone calls all day: the channel carries over to the next form.
  const [channel, setChannel] = useState<Channel>("onsite");

  return (
    <>
      <PageHeader title="诉求登记" />
      {saved ? (
        <Row>
          <Col xs={24} xl={16}>
            <IntakeSuccess
              {...saved}
              onNext={() => {
                setSaved(null);
                setRound((r) => r + 1);
              }}
            />
          </Col>
        </Row>
      ) : (
        <IntakeForm
          key={round}
          initialChannel={channel}
          onSaved={(s, c) => {
            setChannel(c);
            setSaved(s);
          }}
        />
      )}
    </>
  );
}
