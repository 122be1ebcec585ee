import { describe, expect, it } from "vitest";
import { APPEAL_STATUSES, type AppealStatus } from "../contracts/appeals.js";
import {
  APPEAL_ACTIONS,
  type AppealAction,
  allowedActions,
  FINAL_STATES,
  illegalMessage,
  TRANSITIONS,
  transition,
  WorkflowError,
} from "./workflow.js";

/** The expected table, written out independently of the implementation. */
const EXPECTED: Record<string, AppealStatus> = {
  "received/acknowledge": "received",
  "received/reject": "rejected",
  "received/resolve": "resolved",
  "received/transfer": "transferred",
  "received/dispatch": "dispatched",
  "dispatched/dispatch": "dispatched",
  "dispatched/transfer": "transferred",
  "dispatched/reply": "replied",
  "replied/dispatch": "dispatched",
  "replied/close": "closed",
  "transferred/close": "closed",
  "resolved/reopen": "received",
  "closed/reopen": "received",
  "dispatched/return": "received",
  "replied/rework": "dispatched",
  "received/refer": "received",
  "received/merge": "merged",
  "dispatched/refer": "dispatched",
  "replied/refer": "replied",
};

describe("appeal workflow", () => {
  it("walks every state × action pair", () => {
    let checked = 0;
    for (const state of APPEAL_STATUSES) {
      for (const action of APPEAL_ACTIONS) {
        const want = EXPECTED[`${state}/${action}`];
        if (want) {
          expect(transition(state, action), `${state}/${action}`).toBe(want);
        } else {
          expect(() => transition(state, action), `${state}/${action}`).toThrow(WorkflowError);
        }
        checked++;
      }
    }
    expect(checked).toBe(APPEAL_STATUSES.length * APPEAL_ACTIONS.length);
  });

  it("has no transition the expected table does not list", () => {
    const actual = Object.entries(TRANSITIONS).flatMap(([s, m]) =>
      Object.keys(m).map((a) => `${s}/${a as AppealAction}`),
    );
    expect(actual.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("refuses to reject an appeal that was answered, in plain Chinese", () => {
    try {
      transition("resolved", "reject");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WorkflowError);
      expect((e as WorkflowError).message).toBe("诉求已办结，不能再不予受理");
      expect((e as WorkflowError).state).toBe("resolved");
    }
  });

  it("final states allow nothing but reopen", () => {
    for (const s of FINAL_STATES) {
      expect(allowedActions(s).filter((a) => a !== "reopen")).toEqual([]);
    }
    expect(allowedActions("rejected")).toEqual([]);
  });

  it("messages name the state and the action for every illegal pair", () => {
    for (const state of APPEAL_STATUSES) {
      for (const action of APPEAL_ACTIONS) {
        if (EXPECTED[`${state}/${action}`]) continue;
        expect(illegalMessage(state, action)).toMatch(/^诉求.+，不能/);
      }
    }
  });
});
