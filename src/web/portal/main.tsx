import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PortalApp } from "./PortalApp.js";
import { applyPrefs, loadPrefs } from "./prefs.js";
import "./portal.css";

// Before the first paint: no flash of small type for someone who chose 大字模式.
applyPrefs(loadPrefs());

createRoot(document.getElementById("portal-root")!).render(
  <StrictMode>
    <PortalApp />
  </StrictMode>,
);
