import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from "antd";
import zhCNModule from "antd/locale/zh_CN.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { ApiError } from "./api/client.js";
import { SessionProvider } from "./auth/session.js";
import "./lib/time.js";
import { AppRoutes, preloadPage } from "./routes.js";
import "./styles.css";

// antd ships the locale as CommonJS: the bundler hands over the locale itself, while Node-style
// typing sees the module object. Accept either.
type Locale = NonNullable<ConfigProviderProps["locale"]>;
const zhCN = ((zhCNModule as unknown as { default?: Locale }).default ?? zhCNModule) as Locale;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

// A tab still running the previous release asks for page chunks that the new release replaced
// (the server answers 404): load the new release. At most once a minute, so a chunk that is
// missing even after a reload shows PageLoader's message instead of reloading forever.
window.addEventListener("vite:preloadError", (event) => {
  const key = "yousu.chunkReloadAt";
  try {
    if (Date.now() - Number(sessionStorage.getItem(key) ?? 0) < 60_000) return;
    sessionStorage.setItem(key, String(Date.now()));
  } catch {
    return; // no sessionStorage: no way to tell a loop, so no reload
  }
  event.preventDefault();
  window.location.reload();
});

preloadPage(window.location.pathname);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
