/**
 * The browser entry: mounts the app, and registers the service worker that keeps the built app
 * for offline use (vite.config.ts). A new build's worker takes over and the page reloads into it.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { registerSW } from "virtual:pwa-register";
import { App } from "./app/App";
import { ErrorBoundary } from "./app/ErrorBoundary";
import "./app/styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// The app works without the worker (only not offline): a refusal is logged, never shown.
registerSW({
  onRegisterError: (error: unknown) => {
    console.warn("Entente could not keep the app for offline use:", error);
  },
});
