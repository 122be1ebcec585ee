import { HomePage } from "./HomePage.js";
import { usePrefs } from "./prefs.js";
import { href, linkTo, type PortalRoute, useLocation } from "./router.js";
import { SubmitPage } from "./SubmitPage.js";
import { TrackPage } from "./TrackPage.js";
import { useNotice } from "./useNotice.js";

const NAV: { route: PortalRoute; label: string }[] = [
  { route: "home", label: "首页" },
  { route: "submit", label: "我要反映" },
  { route: "track", label: "进度查询" },
];

/** The public portal: phone first, large type, no account, no CAPTCHA. */
export function PortalApp() {
  const { route, seq } = useLocation();
  const [prefs, setPrefs] = usePrefs();
  const { notice } = useNotice();

  return (
    <div className="pt-app">
      <a className="pt-skip" href="#pt-main">
        跳到正文
      </a>
      <header className="pt-header">
        <div className="pt-header-top">
          <a className="pt-brand" href={href("home")} onClick={linkTo("home")}>
            <span className="pt-brand-center">{notice?.center.name ?? "政务服务中心"}</span>
            <span className="pt-brand-name">有诉即办</span>
          </a>
          <div className="pt-toggles">
            <button
              type="button"
              className="pt-toggle"
              aria-pressed={prefs.large}
              onClick={() => setPrefs({ ...prefs, large: !prefs.large })}
              data-testid="toggle-large"
            >
              大字模式
            </button>
            <button
              type="button"
              className="pt-toggle"
              aria-pressed={prefs.contrast}
              onClick={() => setPrefs({ ...prefs, contrast: !prefs.contrast })}
              data-testid="toggle-contrast"
            >
              高对比度
            </button>
          </div>
        </div>
        <nav className="pt-nav" aria-label="主导航">
          {NAV.map((n) => (
            <a
              key={n.route}
              href={href(n.route)}
              onClick={linkTo(n.route)}
              aria-current={route === n.route ? "page" : undefined}
              data-testid={`nav-${n.route}`}
            >
              {n.label}
            </a>
          ))}
        </nav>
      </header>
      <main id="pt-main" className="pt-main" tabIndex={-1}>
        {route === "submit" ? (
          <SubmitPage key={seq} />
        ) : route === "track" ? (
          <TrackPage key={seq} />
        ) : (
          <HomePage />
        )}
      </main>
      <footer className="pt-footer">
        <p>
          {notice?.center.name ?? "政务服务中心"}
          {notice?.center.phone ? (
            <>
              {" "}
              · 咨询电话 <a href={`tel:${notice.center.phone}`}>{notice.center.phone}</a>
            </>
          ) : null}
        </p>
        {notice?.center.address && <p>地址：{notice.center.address}</p>}
        <p>也可拨打 12345 政务服务便民热线反映诉求。</p>
      </footer>
    </div>
  );
}
