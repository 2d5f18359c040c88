// Children's passkeys in the browser: WebAuthn between the buttons marked `data-passkey`
// and the server's /auth/passkey/* routes. The server speaks webauthn-rs's JSON, where every
// binary value is base64url text; the browser's API wants ArrayBuffers. How it went is shown
// by the page the browser is sent back to, in its language (error= on the login page,
// passkey= on the person's page), so nothing here needs translating.
(() => {
  const supported = "PublicKeyCredential" in window && navigator.credentials;

  const toBytes = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
  };
  const toText = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");

  const post = async (url, body) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? "{}" : JSON.stringify(body),
      credentials: "same-origin",
    });
    const answer = await response.json().catch(() => ({}));
    return { ok: response.ok, answer };
  };

  // Why the browser's ceremony ended without a credential, as the server's codes name it.
  const browserProblem = (error, registering) => {
    if (error && error.name === "InvalidStateError" && registering) return "already_registered";
    if (error && (error.name === "NotAllowedError" || error.name === "AbortError")) return "cancelled";
    return "failed";
  };

  const waiting = (button, on) => {
    const status = button.closest("section")?.querySelector("[data-passkey-status]");
    if (status) status.textContent = on ? button.dataset.waiting || "" : "";
    button.disabled = on;
  };

  async function register(button) {
    const back = (code) => location.assign(`/me?passkey=${encodeURIComponent(code)}#passkeys`);
    waiting(button, true);
    const start = await post("/auth/passkey/register/start");
    if (!start.ok) return back(start.answer.error || "failed");
    const options = start.answer.publicKey;
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    options.excludeCredentials = (options.excludeCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
    let credential;
    try {
      credential = await navigator.credentials.create({ publicKey: options });
    } catch (error) {
      return back(browserProblem(error, true));
    }
    const finish = await post("/auth/passkey/register/finish", {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: toText(credential.response.attestationObject),
        clientDataJSON: toText(credential.response.clientDataJSON),
        transports: credential.response.getTransports ? credential.response.getTransports() : undefined,
      },
      extensions: credential.getClientExtensionResults(),
    });
    back(finish.ok ? "registered" : finish.answer.error || "failed");
  }

  async function logIn(button) {
    const returnTo = button.dataset.returnTo || "/me";
    const username = document.getElementById("username")?.value || "";
    // Back to the login page with the problem, keeping what was typed and where to go.
    const back = (code) => {
      const query = new URLSearchParams({ return_to: returnTo, error: code });
      if (username) query.set("username", username);
      location.assign(`/login/child?${query}`);
    };
    waiting(button, true);
    const start = await post("/auth/passkey/login/start");
    if (!start.ok) return back(start.answer.error || "failed");
    const options = start.answer.publicKey;
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = (options.allowCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
    let credential;
    try {
      credential = await navigator.credentials.get({ publicKey: options });
    } catch (error) {
      return back(browserProblem(error, false));
    }
    const response = credential.response;
    const finish = await post("/auth/passkey/login/finish", {
      return_to: returnTo,
      credential: {
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        response: {
          authenticatorData: toText(response.authenticatorData),
          clientDataJSON: toText(response.clientDataJSON),
          signature: toText(response.signature),
          userHandle: response.userHandle ? toText(response.userHandle) : null,
        },
        extensions: credential.getClientExtensionResults(),
      },
    });
    if (finish.ok && finish.answer.redirect) return location.assign(finish.answer.redirect);
    back(finish.answer.error || "failed");
  }

  for (const section of document.querySelectorAll("[data-passkey-section]")) section.hidden = !supported;
  if (!supported) {
    for (const note of document.querySelectorAll("[data-passkey-unsupported]")) note.hidden = false;
    return;
  }
  for (const button of document.querySelectorAll("button[data-passkey]")) {
    const run = button.dataset.passkey === "register" ? register : logIn;
    button.addEventListener("click", () =>
      run(button).catch(() => {
        waiting(button, false);
      }),
    );
  }
})();
