/**
 * A quiet line on `/local` once the app is kept for offline use: a service worker (registered in
 * main.tsx) controls the page, so the page opens with no network, even on a reload. Nothing shows
 * before that, or where the browser has no service workers.
 */
import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void): () => void {
  if (!("serviceWorker" in navigator)) return () => undefined;
  navigator.serviceWorker.addEventListener("controllerchange", onChange);
  return () => navigator.serviceWorker.removeEventListener("controllerchange", onChange);
}

/** Whether a service worker controls this page (the app is kept for offline use). */
function keptOffline(): boolean {
  return "serviceWorker" in navigator && navigator.serviceWorker.controller !== null;
}

/** The "ready to work offline" line, once it is true. */
export function OfflineReady() {
  const ready = useSyncExternalStore(subscribe, keptOffline, () => false);
  if (!ready) return null;
  return (
    <p className="small muted" data-testid="local-offline-ready">
      Entente is ready to work offline: on this device, this page opens without a network.
    </p>
  );
}
