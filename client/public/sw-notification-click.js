/* global self, URL */
/*
 * Loaded by the service worker (Workbox's importScripts, client/vite.config.ts): a click on a
 * notification the game showed (client/src/game/useNotifications.ts) brings its match's tab to the
 * front, or opens the match when no tab shows it any more.
 */
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data;
  const url = data && typeof data.url === "string" ? data.url : "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find(
        (w) => new URL(w.url).pathname === new URL(url, self.location.origin).pathname,
      );
      if (open) return open.focus();
      return self.clients.openWindow(url);
    }),
  );
});
