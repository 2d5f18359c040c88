// Push notices on this device, in the section marked `data-push` on the person's page:
// turning them on (the browser asks for permission, subscribes with the server's VAPID key,
// and the subscription goes to /api/turn_on_push) and off (unsubscribed, and
// /api/turn_off_push). The server keeps one subscription per login, so "on" means this
// browser's subscription is the one the server holds for this login. The page carries the
// texts in its own language (`data-*` on the status and the button), so nothing here needs
// translating. Plain JavaScript rather than the WASM: the Push API is all browser calls, and
// through web-sys it cost every page's WASM 25 KB (brotli).
(() => {
  const section = document.querySelector("[data-push]");
  if (!section) return;
  const status = section.querySelector("[data-push-status]");
  const button = section.querySelector("[data-push-toggle]");
  const failed = section.querySelector("[data-push-failed]");
  const supported = ["PushManager", "Notification", "ServiceWorkerRegistration"].every((name) => name in window);
  // "unsupported" (the browser or the server cannot do push), "denied" (the person blocked
  // notifications for the site), "off" or "on".
  let state;
  let publicKey = null;
  let busy = false;

  const show = (next) => {
    state = next;
    status.textContent = status.dataset[next];
    button.hidden = next !== "off" && next !== "on";
    button.textContent = next === "on" ? button.dataset.turnOff : button.dataset.turnOn;
  };

  // A server function's answer, or an error when it refused or could not be reached.
  const call = async (url, body) => {
    const init = { headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body) Object.assign(init, { method: "POST", body });
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  };

  const pushManager = async () => (await navigator.serviceWorker.ready).pushManager;

  // What this browser can do and has done, and the key to subscribe with.
  async function look() {
    if (!supported) return "unsupported";
    const server = await call("/api/push_status");
    publicKey = server.public_key;
    if (!publicKey) return "unsupported";
    if (Notification.permission === "denied") return "denied";
    const here = await (await pushManager()).getSubscription();
    return here && here.endpoint === server.endpoint ? "on" : "off";
  }

  async function turnOn() {
    if (!publicKey) return "unsupported";
    const permission = await Notification.requestPermission();
    if (permission === "denied") return "denied";
    if (permission !== "granted") return "off";
    const subscription = await (await pushManager()).subscribe({
      userVisibleOnly: true,
      applicationServerKey: publicKey,
    });
    await call("/api/turn_on_push", new URLSearchParams({ subscription: JSON.stringify(subscription) }));
    return "on";
  }

  async function turnOff() {
    const here = await pushManager()
      .then((manager) => manager.getSubscription())
      .catch(() => null);
    // The server forgets it either way; a browser that cannot unsubscribe gets no more pushes.
    await here?.unsubscribe().catch(() => {});
    await call("/api/turn_off_push", new URLSearchParams());
    return "off";
  }

  button.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    failed.hidden = true;
    try {
      show(await (state === "off" ? turnOn() : turnOff()));
    } catch {
      failed.hidden = false;
    }
    busy = false;
    button.removeAttribute("aria-disabled");
  });

  look()
    .catch(() => "unsupported")
    .then(show);
})();
