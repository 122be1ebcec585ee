import { type FormEvent, useEffect, useState } from "react";
import { RATING_LEVEL_LABELS } from "../../contracts/portal.js";
import { ApiError, errorMessage } from "../api/client.js";
import { fetchRatingState, type PublicRatingState, ratePublicAppeal } from "../api/public.js";
import { dateTimeText, deadlineText } from "./format.js";

type Secret = { queryCode: string } | { phone: string };

/** Five faces, best first: one tap chooses (UX.md 评价). The mouth's curve: smile up, frown down. */
const FACES: { level: 5 | 4 | 3 | 2 | 1; curve: number }[] = [
  { level: 5, curve: 4 },
  { level: 4, curve: 2 },
  { level: 3, curve: 0 },
  { level: 2, curve: -2 },
  { level: 1, curve: -4 },
];

/** Drawn, not an emoji: older phones lack some emoji fonts. */
function Face({ curve }: { curve: number }) {
  const y = curve < 0 ? 17 : 15;
  return (
    <svg className="pt-face-icon" viewBox="0 0 24 24" width="36" height="36" aria-hidden="true">
      <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
      <path
        d={`M7.5 ${y} Q12 ${y + curve} 16.5 ${y}`}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}

/**
 * 评价 (好差评) under the progress of a finished appeal: five faces, 问题是否解决, an optional
 * comment. Once rated it thanks the requester; a bad rating shows the rectification and, once
 * it is done, offers one more rating.
 */
export function RatePanel({ trackingNo, secret }: { trackingNo: string; secret: Secret }) {
  const [state, setState] = useState<PublicRatingState | null>(null);
  const [level, setLevel] = useState<number | null>(null);
  const [resolved, setResolved] = useState<boolean | null>(null);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [thanks, setThanks] = useState(false);
  const key = JSON.stringify(secret);

  useEffect(() => {
    fetchRatingState(trackingNo, JSON.parse(key) as Secret)
      .then(setState)
      .catch(() => setState(null));
  }, [trackingNo, key]);

  if (!state) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (level === null) return setError("请先选择一个评价");
    setBusy(true);
    setError(null);
    try {
      await ratePublicAppeal(trackingNo, {
        ...secret,
        level,
        ...(resolved === null ? {} : { resolved }),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      // The new state first, then the thanks: the form never shows beside the thanks.
      const next = await fetchRatingState(trackingNo, secret).catch(() => null);
      if (next) setState(next);
      setThanks(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setError(err.details[0]?.message ?? err.message);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const last = state.ratings.at(-1);
  return (
    <section className="pt-card pt-rate" data-testid="portal-rate" aria-labelledby="pt-rate-title">
      <h2 id="pt-rate-title">评价办理结果</h2>
      {thanks && (
        <p className="pt-rate-thanks" role="status" data-testid="portal-rate-thanks">
          感谢您的评价！{last && last.level <= 2 ? "我们将督促责任部门整改，整改后会告知您。" : ""}
        </p>
      )}
      {last && !thanks && (
        <p data-testid="portal-rate-given">
          您已于 {dateTimeText(last.createdAt)} 评价：<strong>{last.levelLabel}</strong>
        </p>
      )}
      {state.rectification && (
        <div className="pt-notice-box" role="note" data-testid="portal-rectification">
          {state.rectification.status === "open" ? (
            <p>责任部门正在整改，整改时限：{deadlineText(state.rectification.dueAt)}。</p>
          ) : (
            <p>整改情况：{state.rectification.result}</p>
          )}
        </div>
      )}
      {state.canRate ? (
        <form onSubmit={submit} noValidate data-testid="portal-rate-form">
          <fieldset className="pt-field">
            <legend>您对办理结果满意吗？</legend>
            <div className="pt-faces">
              {FACES.map((f) => (
                <label key={f.level} className="pt-face" data-testid={`portal-rate-face-${f.level}`}>
                  <input
                    type="radio"
                    name="level"
                    value={f.level}
                    checked={level === f.level}
                    onChange={() => setLevel(f.level)}
                  />
                  <span className="pt-face-box">
                    <Face curve={f.curve} />
                    {RATING_LEVEL_LABELS[f.level]}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="pt-field">
            <legend>问题是否解决？</legend>
            <div className="pt-chips">
              <label className="pt-chip">
                <input
                  type="radio"
                  name="resolved"
                  checked={resolved === true}
                  onChange={() => setResolved(true)}
                />
                <span>已解决</span>
              </label>
              <label className="pt-chip" data-testid="portal-rate-unresolved">
                <input
                  type="radio"
                  name="resolved"
                  checked={resolved === false}
                  onChange={() => setResolved(false)}
                />
                <span>未解决</span>
              </label>
            </div>
          </fieldset>
          <div className="pt-field">
            <label htmlFor="pt-rate-comment">想说的话（可不填）</label>
            <textarea
              id="pt-rate-comment"
              className="pt-input"
              rows={3}
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="portal-rate-comment"
            />
          </div>
          {error && (
            <p className="pt-form-error" role="alert" data-testid="portal-rate-error">
              {error}
            </p>
          )}
          <button type="submit" className="pt-btn block" disabled={busy} data-testid="portal-rate-submit">
            {busy ? "正在提交……" : "提交评价"}
          </button>
        </form>
      ) : (
        !thanks && !last && <p className="pt-muted">{state.reason}</p>
      )}
    </section>
  );
}
