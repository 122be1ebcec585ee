import { type FormEvent, useRef, useState } from "react";
import type { AppealType } from "../../contracts/appeals.js";
import { APPEAL_TEXT_LIMITS, PHONE_PATTERN } from "../../contracts/portal.js";
import { ApiError, errorMessage } from "../api/client.js";
import { newIdempotencyKey, type PublicSubmitResult, submitPublicAppeal } from "../api/public.js";
import { go, href, linkTo } from "./router.js";
import { useNotice, useTitle } from "./useNotice.js";

/** The server's patterns and lengths (zod-free, so the portal's bundle stays small). */
const L = APPEAL_TEXT_LIMITS;

type Field = "type" | "content" | "name" | "phone" | "address";
/** What the form holds: strings as typed (the type is one of the notice's APPEAL_TYPES codes, or ""). */
type Values = Record<Exclude<Field, "type">, string> & { type: AppealType | ""; addressDeclined: boolean };
const EMPTY: Values = { type: "", content: "", name: "", phone: "", address: "", addressDeclined: false };
const ORDER: Field[] = ["type", "content", "name", "phone", "address"];

function validate(v: Values): Partial<Record<Field, string>> {
  const e: Partial<Record<Field, string>> = {};
  if (!v.type) e.type = "请选择反映类别";
  const content = v.content.trim();
  if (content.length < L.contentMin) e.content = `请把事情说清楚，至少写 ${L.contentMin} 个字`;
  else if (content.length > L.contentMax) e.content = `内容不能超过 ${L.contentMax} 个字`;
  if (!v.name.trim()) e.name = "请填写您的姓名";
  else if (v.name.trim().length > L.nameMax) e.name = `姓名不能超过 ${L.nameMax} 个字`;
  if (!v.phone.trim()) e.phone = "请填写联系电话，方便我们联系您";
  else if (!PHONE_PATTERN.test(v.phone.trim()))
    e.phone = "电话号码格式不对：手机号 11 位，座机请加区号，如 010-12345678";
  if (v.address.trim().length > L.addressMax) e.address = `地址不能超过 ${L.addressMax} 个字`;
  else if (!v.address.trim() && !v.addressDeclined)
    e.address = "请填写联系地址；不愿提供的，请勾选“不愿提供地址”";
  return e;
}

/** The server's error paths (requester.phone …) → the field they belong to. */
function fieldOf(path: string): Field | null {
  const f = path.startsWith("requester.") ? path.slice("requester.".length) : path;
  return (ORDER as string[]).includes(f) ? (f as Field) : null;
}

/** 我要反映: a short form; on success the tracking number and query code in large type. */
export function SubmitPage() {
  useTitle("我要反映");
  const { notice, error: noticeError, reload } = useNotice();
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PublicSubmitResult | null>(null);
  // One key per appeal: a double tap or a retry on a bad connection never files it twice.
  const key = useRef(newIdempotencyKey());
  const form = useRef<HTMLFormElement>(null);

  const set = (f: Field) => (value: string) => {
    setV((old) => ({ ...old, [f]: value }));
    if (errors[f]) setErrors((old) => ({ ...old, [f]: undefined }));
  };

  const focusFirst = (e: Partial<Record<Field, string>>) => {
    const first = ORDER.find((f) => e[f]);
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    setFormError(null);
    const e = validate(v);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      focusFirst(e);
      return;
    }
    setBusy(true);
    try {
      const r = await submitPublicAppeal(
        {
          channel: "portal",
          type: v.type as AppealType,
          requester: {
            name: v.name.trim(),
            phone: v.phone.trim(),
            ...(v.address.trim() ? { address: v.address.trim() } : { addressDeclined: true }),
          },
          content: v.content.trim(),
        },
        key.current,
      );
      key.current = newIdempotencyKey();
      setDone(r);
      window.scrollTo(0, 0);
    } catch (err) {
      if (err instanceof ApiError && err.details.length > 0) {
        const fe: Partial<Record<Field, string>> = {};
        for (const d of err.details) {
          const f = fieldOf(d.path);
          if (f && !fe[f]) fe[f] = d.message;
        }
        setErrors(fe);
        if (Object.keys(fe).length > 0) focusFirst(fe);
        else setFormError(err.message);
      } else {
        setFormError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="pt-card pt-success" data-testid="portal-submitted" aria-live="polite">
        <h1>提交成功</h1>
        <p>我们已收到您反映的问题。</p>
        <div className="pt-numbers">
          <div>
            <div className="pt-numbers-label">受理编号</div>
            <div className="pt-big" data-testid="portal-tracking-no">
              {done.trackingNo}
            </div>
          </div>
          <div>
            <div className="pt-numbers-label">查询码</div>
            <div className="pt-big" data-testid="portal-query-code">
              {done.queryCode}
            </div>
          </div>
        </div>
        <p className="pt-save-advice" role="note">
          请截图或抄写保存受理编号和查询码，查询办理进度时需要用到。
        </p>
        <p>{done.nextStep}</p>
        <div className="pt-actions">
          <a
            className="pt-btn"
            href={href("track", { no: done.trackingNo, code: done.queryCode })}
            onClick={linkTo("track", { no: done.trackingNo, code: done.queryCode })}
          >
            查询办理进度
          </a>
          <button type="button" className="pt-btn secondary" onClick={() => go("submit")}>
            再反映一件
          </button>
        </div>
      </section>
    );
  }

  const types = notice?.scope.types ?? [];
  const err = (f: Field) =>
    errors[f] ? (
      <p className="pt-field-error" id={`${f}-error`} role="alert">
        {errors[f]}
      </p>
    ) : null;
  const described = (f: Field, hint?: string) =>
    [errors[f] ? `${f}-error` : null, hint].filter(Boolean).join(" ") || undefined;

  return (
    <section>
      <h1>我要反映</h1>
      <p className="pt-emergency-inline">
        紧急情况请直接拨打 <a href="tel:110">110</a>、<a href="tel:119">119</a>、<a href="tel:120">120</a>、
        <a href="tel:122">122</a>，网上反映无法及时处置紧急事项。
      </p>
      <form ref={form} className="pt-card pt-form" onSubmit={submit} noValidate data-testid="portal-form">
        <fieldset className="pt-field" aria-describedby={described("type")}>
          <legend>
            反映类别 <span className="pt-required">（必填）</span>
          </legend>
          {noticeError && (
            <p className="pt-field-error">
              类别加载失败：{noticeError}{" "}
              <button type="button" className="pt-link" onClick={reload}>
                重试
              </button>
            </p>
          )}
          <div className="pt-chips">
            {types.map((t) => (
              <label key={t.code} className="pt-chip">
                <input
                  type="radio"
                  name="type"
                  value={t.code}
                  checked={v.type === t.code}
                  onChange={() => set("type")(t.code)}
                />
                <span>{t.label}</span>
              </label>
            ))}
          </div>
          {err("type")}
        </fieldset>

        <div className="pt-field">
          <label htmlFor="pt-content">
            反映内容 <span className="pt-required">（必填）</span>
          </label>
          <p className="pt-hint" id="content-hint">
            请写明：什么事、在哪里、什么时候，希望怎样解决。
          </p>
          <textarea
            id="pt-content"
            name="content"
            className="pt-input"
            rows={6}
            maxLength={4000}
            value={v.content}
            onChange={(e) => set("content")(e.target.value)}
            aria-invalid={!!errors.content}
            aria-describedby={described("content", "content-hint")}
          />
          <p className="pt-counter">{v.content.length} / 4000</p>
          {err("content")}
        </div>

        <div className="pt-field">
          <label htmlFor="pt-name">
            您的姓名 <span className="pt-required">（必填）</span>
          </label>
          <input
            id="pt-name"
            name="name"
            className="pt-input"
            autoComplete="name"
            maxLength={50}
            value={v.name}
            onChange={(e) => set("name")(e.target.value)}
            aria-invalid={!!errors.name}
            aria-describedby={described("name")}
          />
          {err("name")}
        </div>

        <div className="pt-field">
          <label htmlFor="pt-phone">
            联系电话 <span className="pt-required">（必填）</span>
          </label>
          <input
            id="pt-phone"
            name="phone"
            className="pt-input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={30}
            value={v.phone}
            onChange={(e) => set("phone")(e.target.value)}
            aria-invalid={!!errors.phone}
            aria-describedby={described("phone")}
          />
          {err("phone")}
        </div>

        <div className="pt-field">
          <label htmlFor="pt-address">联系地址</label>
          <input
            id="pt-address"
            name="address"
            className="pt-input"
            autoComplete="street-address"
            maxLength={200}
            value={v.address}
            disabled={v.addressDeclined}
            placeholder={v.addressDeclined ? "您选择了不提供地址" : undefined}
            onChange={(e) => set("address")(e.target.value)}
            aria-invalid={!!errors.address}
            aria-describedby={described("address")}
          />
          <label className="pt-check">
            <input
              type="checkbox"
              name="addressDeclined"
              checked={v.addressDeclined}
              data-testid="portal-address-declined"
              onChange={(e) => {
                const checked = e.target.checked;
                setV((old) => ({ ...old, addressDeclined: checked, address: checked ? "" : old.address }));
                if (errors.address) setErrors((old) => ({ ...old, address: undefined }));
              }}
            />
            <span>不愿提供地址</span>
          </label>
          {err("address")}
        </div>

        <div className="pt-privacy" data-testid="portal-privacy">
          <strong>个人信息说明</strong>
          <p>
            {notice?.privacy ??
              "您提供的姓名、电话、地址仅用于办理和回复您的诉求，查询进度时不会显示个人信息。"}
            请不要填写身份证号、银行卡号等与诉求无关的信息。
          </p>
        </div>

        {formError && (
          <p className="pt-form-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="pt-btn block" disabled={busy} data-testid="portal-submit">
          {busy ? "正在提交……" : "提交"}
        </button>
      </form>
    </section>
  );
}
