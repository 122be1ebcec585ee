import { Button, Result, Spin } from "antd";
import {
  Component,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
} from "react";
import { Outlet, useLocation } from "react-router";

/** A page component whose code is downloaded on first render, or earlier by preload(). */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload(): void };

/**
 * A page in a chunk of its own, downloaded the first time its route is shown (routes.tsx).
 * `name` is the page's named export. Render it below a <PageLoader />.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const get = () => {
    loading ??= load().then((m) => ({ default: m[name] }));
    return loading;
  };
  // A failed preload is not reported here: rendering the page meets the same failure (PageLoader).
  return Object.assign(lazy(get), { preload: () => void get().catch(() => undefined) });
}

/**
 * Layout route for lazily loaded pages: a spinner while a page's code downloads (menu and header
 * stay), and a message instead of a blank screen when it cannot be downloaded.
 */
export function PageLoader() {
  const { pathname } = useLocation();
  return (
    <LoadFailure resetKey={pathname}>
      <Suspense
        fallback={
          <div className="yousu-center" role="status">
            <Spin description="加载中…" />
          </div>
        }
      >
        <Outlet />
      </Suspense>
    </LoadFailure>
  );
}

interface LoadFailureState {
  failed: boolean;
  resetKey: string;
}

/** A page whose code failed to download (network gone, or a release replaced the files). */
class LoadFailure extends Component<{ resetKey: string; children: ReactNode }, LoadFailureState> {
  override state: LoadFailureState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<LoadFailureState> {
    return { failed: true };
  }

  /** Going to another screen tries again. */
  static getDerivedStateFromProps(props: { resetKey: string }, state: LoadFailureState) {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="warning"
        title="页面加载失败"
        subTitle="请检查网络连接后刷新页面重试。"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        }
      />
    );
  }
}
