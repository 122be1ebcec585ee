import { type FormEvent, useEffect, useRef, useState } from "react";
import { PUBLIC_REPLY_KIND_LABELS, QUERY_CODE_PATTERN } from "../../contracts/portal.js";
import { ApiError, errorMessage } from "../api/client.js";
import { type PublicProgress, trackPublicAppeal } from "../api/public.js";
import { dateTimeText, deadlineText } from "./format.js";
import { RatePanel } from "./RatePanel.js";
import { useTitle } from "./useNotice.js";

type By = "code" | "phone";

const NOT_FOUND =
  "没有查到这条诉求。请核对受理编号和查询码（或提交时填写的电话号码）是否正确；刚提交的诉求可以马上查询。";

function normalizeNo(s: string): string {
  return s.replace(/\s+/g, "").toUpperCase();
}

/** The progress of one appeal, in plain words: status, deadlines, the answer, steps and replies. */
function Progress({ p }: { p: PublicProgress }) {
  const finished = ["rejected", "resolved", "closed"].includes(p.status);
  // The answer and the refusal have their own boxes; the list keeps what else the requester was told.
  const replies = p.replies.filter(
    (r) => r.kind === "acknowledgement" || (r.kind === "answer" && r.text !== p.answer?.text),
  );
  return (
    <section className="pt-card pt-progress" data-testid="portal-progress" aria-live="polite">
      <p className="pt-muted">
        受理编号{" "}
        <span className="pt-nowrap pt-tracking-no" data-testid="portal-progress-tracking-no">
          {p.trackingNo}
        </span>
      </p>
      <p className={`pt-status pt-status-${p.status}`} data-testid="portal-status">
        {p.statusText}
      </p>
      <dl className="pt-facts">
        <dt>反映类别</dt>
        <dd>{p.typeText}</dd>
        <dt>提交时间</dt>
        <dd>{dateTimeText(p.receivedAt)}</dd>
        {p.respondBy && !finished && (
          <>
            <dt>回应时限</dt>
            <dd>{deadlineText(p.respondBy)}</dd>
          </>
        )}
        {p.dueAt && !finished && (
          <>
            <dt>办理时限</dt>
            <dd>{deadlineText(p.dueAt)}</dd>
          </>
        )}
      </dl>
      {p.rejection ? (
        <div className="pt-notice-box" role="note" data-testid="portal-refusal">
          <strong>不予受理告知</strong>
          <p>{p.rejection.text}</p>
        </div>
      ) : (
        <p>{p.nextStep}</p>
      )}
      {p.answer && (
        <div className="pt-answer" data-testid="portal-answer">
          <h2>答复结果</h2>
          <p className="pt-muted">
            {p.answer.department ? `${p.answer.department} · ` : ""}
            {dateTimeText(p.answer.at)}
          </p>
          <p className="pt-reply-text" data-testid="portal-answer-text">
            {p.answer.text}
          </p>
        </div>
      )}
      {p.extensions.length > 0 && (
        <>
          <h2>延长办理时限</h2>
          <ul className="pt-replies" data-testid="portal-extensions">
            {p.extensions.map((x) => (
              <li key={x.at + x.newDueAt}>
                <div className="pt-muted">{dateTimeText(x.at)} 批准延期</div>
                <p>
                  新的办理时限：<strong>{deadlineText(x.newDueAt)}</strong>
                </p>
                <p className="pt-reply-text">延期理由：{x.reason}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {replies.length > 0 && (
        <>
          <h2>答复与回复</h2>
          <ul className="pt-replies" data-testid="portal-replies">
            {replies.map((r) => (
              <li key={`${r.at}-${r.kind}`}>
                <div className="pt-muted">
                  {PUBLIC_REPLY_KIND_LABELS[r.kind]} · {dateTimeText(r.at)}
                </div>
                <p className="pt-reply-text">{r.text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.following && (
        <div className="pt-notice-box" role="note" data-testid="portal-following">
          <strong>合并办理的相同诉求进度</strong>
          <p className={`pt-status pt-status-${p.following.status}`}>{p.following.statusText}</p>
          <p>{p.following.nextStep}</p>
          {p.following.dueAt && !["rejected", "resolved", "closed"].includes(p.following.status) && (
            <p>办理时限：{deadlineText(p.following.dueAt)}</p>
          )}
          {p.following.answer && (
            <p className="pt-reply-text" data-testid="portal-following-answer">
              答复结果：{p.following.answer.text}
            </p>
          )}
          <ol className="pt-steps">
            {p.following.steps.map((s) => (
              <li key={`${s.at}-${s.text}`}>
                <span className="pt-step-text">{s.text}</span>
                <span className="pt-step-time">{dateTimeText(s.at)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      <h2>办理进度</h2>
      <ol className="pt-steps" data-testid="portal-steps">
        {p.steps.map((s, i) => (
          <li key={`${s.at}-${s.text}`} className={i === p.steps.length - 1 ? "current" : undefined}>
            <span className="pt-step-text">{s.text}</span>
            <span className="pt-step-time">{dateTimeText(s.at)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** 进度查询: tracking number + query code (or the phone given when submitting). */
export function TrackPage() {
  useTitle("进度查询");
  const initial = new URLSearchParams(window.location.search);
  const [no, setNo] = useState(initial.get("no") ?? "");
  const [by, setBy] = useState<By>(initial.get("phone") ? "phone" : "code");
  const [code, setCode] = useState(initial.get("code") ?? "");
  const [phone, setPhone] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PublicProgress | null>(null);
  const [secret, setSecret] = useState<{ queryCode: string } | { phone: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const lookup = async (trackingNo: string, secret: { queryCode: string } | { phone: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const p = await trackPublicAppeal(trackingNo, secret);
      setResult(p);
      setSecret(secret);
      requestAnimationFrame(() => resultRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setError(NOT_FOUND);
      else if (e instanceof ApiError && e.status === 400) setError(e.details[0]?.message ?? e.message);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  // Arriving from "查询办理进度" after submitting: look it up at once.
  const auto = useRef(false);
  useEffect(() => {
    const n = initial.get("no");
    const c = initial.get("code");
    if (!auto.current && n && c) {
      auto.current = true;
      void lookup(normalizeNo(n), { queryCode: c.trim() });
    }
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trackingNo = normalizeNo(no);
    if (!trackingNo) return setError("请填写受理编号");
    if (by === "code") {
      if (!QUERY_CODE_PATTERN.test(code.trim())) return setError("查询码是 6 位数字，请核对后再试");
      void lookup(trackingNo, { queryCode: code.trim() });
    } else {
      if (!/\d{7,}/.test(phone.replace(/\D/g, ""))) return setError("请填写提交诉求时留下的电话号码");
      void lookup(trackingNo, { phone: phone.trim() });
    }
  };

  return (
    <section>
      <h1>进度查询</h1>
      <form className="pt-card pt-form" onSubmit={submit} noValidate data-testid="portal-track-form">
        <div className="pt-field">
          <label htmlFor="pt-no">受理编号</label>
          <input
            id="pt-no"
            className="pt-input"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={50}
            value={no}
            onChange={(e) => setNo(e.target.value)}
          />
        </div>
        <fieldset className="pt-field">
          <legend>查询方式</legend>
          <div className="pt-chips">
            <label className="pt-chip">
              <input type="radio" name="by" checked={by === "code"} onChange={() => setBy("code")} />
              <span>用查询码</span>
            </label>
            <label className="pt-chip">
              <input type="radio" name="by" checked={by === "phone"} onChange={() => setBy("phone")} />
              <span>用电话号码</span>
            </label>
          </div>
        </fieldset>
        {by === "code" ? (
          <div className="pt-field">
            <label htmlFor="pt-code">查询码（6 位数字）</label>
            <input
              id="pt-code"
              className="pt-input"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
            />
          </div>
        ) : (
          <div className="pt-field">
            <label htmlFor="pt-track-phone">提交时填写的电话号码</label>
            <input
              id="pt-track-phone"
              className="pt-input"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              maxLength={30}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          </div>
        )}
        {error && (
          <p className="pt-form-error" role="alert" data-testid="portal-track-error">
            {error}
          </p>
        )}
        <button type="submit" className="pt-btn block" disabled={busy} data-testid="portal-track-submit">
          {busy ? "正在查询……" : "查询"}
        </button>
      </form>
      <div ref={resultRef}>
        {result && <Progress p={result} />}
        {result && secret && ["rejected", "resolved", "closed"].includes(result.status) && (
          <RatePanel key={result.trackingNo} trackingNo={result.trackingNo} secret={secret} />
        )}
      </div>
    </section>
  );
}
