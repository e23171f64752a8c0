/* Mutua's service worker: what lets the app open without a connection.

   - The files every page needs are kept when the worker is installed.
   - A page is fetched from the network first; each page that arrives is kept (the
     last 150, with their time). Without a connection, the kept copy is shown,
     marked with the time it was saved (<html data-saved-at>, which app.js turns
     into a notice), or, for a page never kept, the offline page.
   - Pages are kept for one account at a time: each page names its account
     (the Mutua-Account header), and when another account, or nobody, is signed
     in, the pages of the one before are forgotten. Logging out does that.
   - Asked by app.js ("keep-own"), it keeps the pages of the user's own requests,
     offers, matches and partnerships, one after the other.
   Nothing else is cached: no API answer, no form sent. */
"use strict";

const CONFIG = {{ config|safe }};
const SHELL = "mutua-shell-" + CONFIG.version;
const PAGES = "mutua-pages";
const STATE = "mutua-state";
const KEPT_AT_MOST = 150;
// Keys of the state cache, from the root, as pages read them too (app.js).
const ACCOUNT = "/offline/account";
const INDEX = "/offline/kept";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL)
      .then((cache) => cache.addAll([CONFIG.offline, ...CONFIG.assets]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("mutua-shell-") && name !== SHELL)
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (CONFIG.assets.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "keep-own") event.waitUntil(keepOwn());
});

async function navigate(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keep(event.request.url, response.clone()));
    return response;
  } catch (offline) {
    return (await savedCopy(event.request.url)) || offlinePage();
  }
}

/* Pages are kept one at a time: keeping reads and writes the index and the
   account, which two pages kept at once would overwrite. */
let keeping = Promise.resolve();

function keep(url, response) {
  keeping = keeping.then(() => keepNow(url, response)).catch(() => undefined);
  return keeping;
}

/* Keep a page that arrived, unless it may not be kept (an error, a download,
   a page marked no-store); forget another account's pages first. */
async function keepNow(url, response) {
  const type = response.headers.get("Content-Type") || "";
  const store = response.headers.get("Cache-Control") || "";
  if (!response.ok || response.redirected || !type.startsWith("text/html")
      || store.includes("no-store")) return;
  await followAccount(response.headers.get("Mutua-Account") || "anonymous");
  const body = await response.text();
  const title = (body.match(/<title>([^<]*)<\/title>/) || ["", url])[1];
  const savedAt = new Date().toISOString();
  const pages = await caches.open(PAGES);
  await pages.put(url, new Response(body, {
    headers: { "Content-Type": type, "Mutua-Saved-At": savedAt },
  }));
  const index = (await readIndex()).filter((page) => page.url !== url);
  index.unshift({ url, title, savedAt });
  for (const page of index.splice(KEPT_AT_MOST)) await pages.delete(page.url);
  await writeIndex(index);
}

async function followAccount(account) {
  const state = await caches.open(STATE);
  const known = await state.match(ACCOUNT);
  if (known && (await known.text()) === account) return;
  await caches.delete(PAGES);
  await writeIndex([]);
  await state.put(ACCOUNT, new Response(account));
}

async function savedCopy(url) {
  const kept = await caches.match(url, { cacheName: PAGES });
  if (!kept) return null;
  const savedAt = kept.headers.get("Mutua-Saved-At");
  const body = (await kept.text()).replace("<html ", `<html data-saved-at="${savedAt}" `);
  return new Response(body, { headers: { "Content-Type": kept.headers.get("Content-Type") } });
}

async function offlinePage() {
  const page = await caches.match(CONFIG.offline, { cacheName: SHELL });
  return page || new Response("Offline", { status: 503 });
}

async function readIndex() {
  const kept = await (await caches.open(STATE)).match(INDEX);
  return kept ? kept.json() : [];
}

async function writeIndex(index) {
  const state = await caches.open(STATE);
  await state.put(INDEX, new Response(JSON.stringify(index), {
    headers: { "Content-Type": "application/json" },
  }));
}

/* One page at a time, so that a slow link still serves what the user asks for. */
async function keepOwn() {
  const answer = await fetch(CONFIG.own, { credentials: "same-origin" });
  if (!answer.ok) return;
  const own = await answer.json();
  for (const path of own.pages) {
    try {
      const url = new URL(path, self.location.origin).href;
      const response = await fetch(url, { credentials: "same-origin" });
      await keep(url, response);
    } catch (offline) {
      return;
    }
  }
}
