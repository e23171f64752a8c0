/* Mutua on a phone: registers the service worker (sw.js), tells a saved copy
   from a fresh page, reloads when the connection comes back (and again if the
   first requests still fail), asks the worker to keep the signed-in user's own
   pages, lists what is kept on the offline page, and keeps the field reports
   written on this device until the server has them.
   The words shown come from the page, in the reader's language. */
"use strict";

(function () {
  if (!("serviceWorker" in navigator)) return;
  const root = document.documentElement;
  const KEPT_EVERY = 60 * 60 * 1000;

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(keepOwn);

  /* At most once an hour for each account: another account signed in on the
     device has its own pages kept at once. */
  function keepOwn() {
    if (!root.dataset.account || !navigator.onLine) return;
    const key = `mutua-own-kept-${root.dataset.account}`;
    if (Date.now() - Number(localStorage.getItem(key) || 0) < KEPT_EVERY) return;
    navigator.serviceWorker.ready.then((ready) => {
      ready.active.postMessage("keep-own");
      localStorage.setItem(key, String(Date.now()));
    });
  }

  function when(iso) {
    return new Intl.DateTimeFormat(root.lang, { dateStyle: "medium", timeStyle: "short" })
      .format(new Date(iso));
  }

  function show(id, time) {
    const notice = document.getElementById(id);
    if (!notice) return;
    const slot = notice.querySelector("time");
    if (slot && time) {
      slot.dateTime = time;
      slot.textContent = when(time);
    }
    notice.hidden = false;
  }

  const saved = root.dataset.savedAt;
  const form = document.querySelector("form[data-field-report]");
  if (saved) show("saved-copy", saved);
  const stale = saved || document.getElementById("offline-list");
  window.addEventListener("online", () => {
    if (!stale) return sync();
    show("back-online");
    location.reload();
  });
  /* Online, yet shown a saved copy or the offline page: requests may fail for a
     moment after the connection returns. Try again three times, later each
     time, then leave it to the reader. */
  const TRIES = "mutua-reload-tries";
  const tries = Number(sessionStorage.getItem(TRIES) || 0);
  if (!stale) sessionStorage.removeItem(TRIES);
  else if (navigator.onLine && tries < 3) {
    sessionStorage.setItem(TRIES, String(tries + 1));
    setTimeout(() => location.reload(), 1000 * 2 ** tries);
  }
  window.addEventListener("offline", () => show("gone-offline"));

  const keptList = document.getElementById("offline-list");
  if (keptList) {
    caches.open("mutua-state")
      .then((state) => state.match("/offline/kept"))
      .then((kept) => (kept ? kept.json() : []))
      .then((pages) => {
        for (const page of pages) {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = page.url;
          link.textContent = page.title;
          const saved = document.createElement("time");
          saved.dateTime = page.savedAt;
          saved.textContent = when(page.savedAt);
          item.append(link, " · ", saved);
          keptList.append(item);
        }
        document.getElementById("offline-none").hidden = pages.length > 0;
      });
  }

  /* Field reports (cooperation/field_report.html), kept in the browser's
     IndexedDB until the server has them. Each carries a uuid made here: sent
     twice, it is recorded once. A refused report stays, with the server's
     message, until it is fixed or discarded; nothing is dropped unsaid. Only the
     reports of the signed-in account are sent. */
  const account = root.dataset.account;
  const SENT_KEPT = 24 * 60 * 60 * 1000;

  function store(mode) {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open("mutua", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("outbox", { keyPath: "uuid" });
      open.onsuccess = () => resolve(open.result.transaction("outbox", mode).objectStore("outbox"));
      open.onerror = () => reject(open.error);
    });
  }

  function done(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  const reports = {
    all: () => store("readonly").then((s) => done(s.getAll())),
    put: (report) => store("readwrite").then((s) => done(s.put(report))),
    drop: (uuid) => store("readwrite").then((s) => done(s.delete(uuid))),
  };

  function csrfToken() {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  }

  let syncing = null;

  function sync() {
    if (!account || syncing) return syncing;
    syncing = sendWaiting().finally(() => {
      syncing = null;
      render();
    });
    return syncing;
  }

  async function sendWaiting() {
    for (const report of await reports.all()) {
      if (report.account !== account) continue;
      if (report.status === "sent" && Date.now() - Date.parse(report.sentAt) > SENT_KEPT) {
        await reports.drop(report.uuid);
      }
      if (report.status !== "waiting") continue;
      let answer;
      try {
        answer = await fetch(report.api, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
          body: JSON.stringify(report.payload),
        });
      } catch (offline) {
        return;
      }
      if (answer.ok) {
        Object.assign(report, { status: "sent", sentAt: new Date().toISOString() });
      } else {
        Object.assign(report, { status: "refused", message: await reason(answer) });
      }
      await reports.put(report);
    }
  }

  async function reason(answer) {
    try {
      const body = await answer.json();
      return body.errors.map((e) => (e.field ? `${e.field}: ` : "") + e.message).join(" ");
    } catch (notJson) {
      return `${answer.status} ${answer.statusText}`;
    }
  }

  function reportOf(form) {
    const data = new FormData(form);
    const attendance = [];
    for (const row of form.querySelectorAll("[data-attendance-row]")) {
      const value = (name) => row.querySelector(`[name$="-${name}"]`).value;
      if (!value("count")) continue;
      attendance.push({
        stakeholder_type: value("stakeholder_type"),
        role: value("role"),
        gender: value("gender"),
        count: Number(value("count")),
      });
    }
    return {
      uuid: crypto.randomUUID(),
      title: data.get("title"),
      modality: data.get("modality"),
      delivery: data.get("delivery"),
      held_on: data.get("held_on"),
      languages: data.getAll("languages"),
      people_reached: Number(data.get("people_reached") || 0),
      attendance,
    };
  }

  function fill(form, payload) {
    for (const name of ["title", "modality", "delivery", "held_on", "people_reached"]) {
      form.elements[name].value = payload[name];
    }
    for (const option of form.elements.languages.options) {
      option.selected = payload.languages.includes(option.value);
    }
    const rows = form.querySelectorAll("[data-attendance-row]");
    payload.attendance.slice(0, rows.length).forEach((group, at) => {
      for (const [name, value] of Object.entries(group)) {
        rows[at].querySelector(`[name$="-${name}"]`).value = value;
      }
    });
  }

  const list = document.getElementById("outbox");

  async function render() {
    if (!list || !form) return;
    const mine = (await reports.all()).filter(
      (r) => r.account === account && r.api === form.dataset.api
    );
    list.replaceChildren(...mine.map(itemOf));
    document.getElementById("outbox-empty").hidden = mine.length > 0;
  }

  function itemOf(report) {
    const words = list.dataset;
    const item = document.createElement("li");
    item.dataset.status = report.status;
    item.append(`${report.payload.title} · ${when(report.savedAt)} · ${words[report.status]}`);
    if (report.message) {
      const why = document.createElement("p");
      why.textContent = report.message;
      item.append(why);
    }
    const act = (label, action) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = label;
      button.addEventListener("click", action);
      item.append(" ", button);
    };
    if (report.status === "refused") {
      act(words.resend, () => reports.put({ ...report, status: "waiting", message: "" }).then(sync));
      act(words.edit, () => {
        fill(form, report.payload);
        reports.drop(report.uuid).then(render);
      });
    }
    if (report.status !== "sent") {
      act(words.discard, () => {
        if (confirm(words.confirm)) reports.drop(report.uuid).then(render);
      });
    }
    return item;
  }

  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const payload = reportOf(form);
      reports.put({
        uuid: payload.uuid,
        account,
        api: form.dataset.api,
        savedAt: new Date().toISOString(),
        status: "waiting",
        payload,
      }).then(() => {
        form.reset();
        return render();
      }).then(sync);
    });
    render();
  }
  if (account && navigator.onLine) sync();
})();
