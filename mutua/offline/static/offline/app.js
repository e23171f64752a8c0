/* Mutua on a phone: registers the service worker (sw.js), tells a saved copy
   from a fresh page, reloads when the connection comes back, asks the worker to
   keep the signed-in user's own pages, and lists what is kept on the offline page.
   The words shown come from the page (elements with data-offline-*), in the
   reader's language. */
"use strict";

(function () {
  if (!("serviceWorker" in navigator)) return;
  const root = document.documentElement;
  const KEPT_EVERY = 60 * 60 * 1000;

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(keepOwn);

  function keepOwn(registration) {
    if (!root.dataset.signedIn || !navigator.onLine) return;
    const last = Number(localStorage.getItem("mutua-own-kept") || 0);
    if (Date.now() - last < KEPT_EVERY) return;
    navigator.serviceWorker.ready.then((ready) => {
      ready.active.postMessage("keep-own");
      localStorage.setItem("mutua-own-kept", String(Date.now()));
    });
  }

  function show(id, time) {
    const notice = document.getElementById(id);
    if (!notice) return;
    const slot = notice.querySelector("time");
    if (slot && time) {
      slot.dateTime = time;
      slot.textContent = new Intl.DateTimeFormat(root.lang, {
        dateStyle: "medium", timeStyle: "short",
      }).format(new Date(time));
    }
    notice.hidden = false;
  }

  const saved = root.dataset.savedAt;
  if (saved) show("saved-copy", saved);
  const stale = saved || document.getElementById("offline-list");
  window.addEventListener("online", () => {
    if (!stale) return;
    show("back-online");
    location.reload();
  });
  window.addEventListener("offline", () => show("gone-offline"));

  const list = document.getElementById("offline-list");
  if (list) {
    caches.open("mutua-state")
      .then((state) => state.match("/offline/kept"))
      .then((kept) => (kept ? kept.json() : []))
      .then((pages) => {
        for (const page of pages) {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = page.url;
          link.textContent = page.title;
          const when = document.createElement("time");
          when.dateTime = page.savedAt;
          when.textContent = new Intl.DateTimeFormat(root.lang, {
            dateStyle: "medium", timeStyle: "short",
          }).format(new Date(page.savedAt));
          item.append(link, " · ", when);
          list.append(item);
        }
        document.getElementById("offline-none").hidden = pages.length > 0;
      });
  }
})();
