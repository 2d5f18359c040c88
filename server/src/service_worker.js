// Stafett's service worker. It keeps the static shell (styles, the app's script and WASM,
// fonts, icons, the offline page) so that the app installs and a lost connection shows a
// page of our own; it never stores a page, a server function's answer or an attachment, so
// nothing of a child's log is ever on the device in a cache. Version __VERSION__: a new
// build is a new worker, which takes over at the next navigation and deletes older caches.
const SHELL = "stafett-shell-__VERSION__";
const OFFLINE = "/offline";
const FILES = [
  OFFLINE,
  "/pkg/stafett.css",
  "/pkg/stafett.js",
  "/pkg/stafett.wasm",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/icon-maskable-192.png",
  "/icons/icon-maskable-512.png",
  "/fonts/source-sans-3-latin-wght-normal.woff2",
  "/fonts/source-sans-3-latin-ext-wght-normal.woff2",
];

function isShell(url) {
  return url.origin === self.location.origin && FILES.includes(url.pathname);
}

async function keepShell() {
  const cache = await caches.open(SHELL);
  await Promise.all(
    FILES.map(async (file) => {
      if (!(await cache.match(file))) {
        const response = await fetch(file, { credentials: "same-origin", cache: "no-cache" });
        if (response.ok) await cache.put(file, response);
      }
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A logout empties the caches (sw-register.js); a page shown to someone logged in asks for
// the shell back.
self.addEventListener("message", (event) => {
  if (event.data === "keep-shell") event.waitUntil(keepShell().catch(() => {}));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate") {
    // Pages always come from the network; without one, the offline page.
    event.respondWith(fetch(request).catch(async () => (await caches.match(OFFLINE)) || Response.error()));
    return;
  }
  if (isShell(url) && url.pathname !== OFFLINE) {
    event.respondWith(caches.match(url.pathname).then((kept) => kept || fetch(request)));
  }
});

// A push message says only that something is new in a log, and where (app::server::push):
// it is shown as it came, never with anything of the log. A link to another origin is not
// followed.
function ownLink(url) {
  try {
    const link = new URL(url, self.location.origin);
    return link.origin === self.location.origin ? link.href : null;
  } catch {
    return null;
  }
}

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }
  const title = typeof message.title === "string" ? message.title : "Stafett";
  const url = ownLink(message.url) || "/me";
  event.waitUntil(
    self.registration.showNotification(title, { data: { url }, icon: "/icons/icon-192.png", tag: "stafett" }),
  );
});

// Tapping the notice opens its link: in a window of ours already open, or a new one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = ownLink(event.notification.data?.url) || "/me";
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      return open ? open.navigate(url).then((client) => (client || open).focus()) : self.clients.openWindow(url);
    }),
  );
});
