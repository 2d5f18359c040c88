// Registers Stafett's service worker (/sw.js). On a page shown to a visitor who is not
// logged in, it empties this origin's caches and drops the browser's push subscription (the
// server forgot it at logout): the worker keeps only the static shell, but a shared phone
// should keep nothing once someone has logged out. A page shown to someone logged in asks
// the worker to keep the shell again.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  if (document.documentElement.dataset.signedIn === "true") {
    navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("keep-shell"));
  } else {
    navigator.serviceWorker.ready
      .then((registration) => registration.pushManager?.getSubscription())
      .then((subscription) => subscription?.unsubscribe())
      .catch(() => {});
  }
}
if (document.documentElement.dataset.signedIn !== "true" && "caches" in window) {
  caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))));
}
// Where the browser offers to install the app, the family's page says so (#install-hint).
window.addEventListener("beforeinstallprompt", (offer) => {
  const hint = document.getElementById("install-hint");
  if (!hint) return;
  offer.preventDefault();
  hint.hidden = false;
  hint.querySelector("button")?.addEventListener(
    "click",
    () => {
      hint.hidden = true;
      offer.prompt();
    },
    { once: true },
  );
});
