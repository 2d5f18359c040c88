// A local OpenID provider that behaves like ID-porten, for Stafett's demo and tests only:
// the certified `oidc-provider`, one confidential client, PKCE required, levels
// idporten-loa-substantial / idporten-loa-high (`acr`), the national identity number in the
// `pid` claim of the ID token, RP-initiated logout without a question, and back-channel
// logout. Its login page lists synthetic test persons, as ID-porten's test environment does.
// It listens on 127.0.0.1 only and refuses to run with NODE_ENV=production.

import Provider from 'oidc-provider';
import { createServer } from 'node:http';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

if (process.env.NODE_ENV === 'production') {
  console.error('local ID-porten: refusing to run with NODE_ENV=production');
  process.exit(2);
}

function setting(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`local ID-porten: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const port = Number(setting('IDPORTEN_PORT'));
const issuer = `http://127.0.0.1:${port}`;
const clientId = setting('IDPORTEN_CLIENT_ID');
const personsFile = setting('IDPORTEN_PERSONS_FILE');
const LEVELS = ['idporten-loa-substantial', 'idporten-loa-high'];

// Re-read at every use: the file is written by the scripts once the demo data is seeded.
function persons() {
  try {
    const list = JSON.parse(readFileSync(personsFile, 'utf8'));
    return Array.isArray(list) ? list.filter((p) => /^\d{11}$/.test(p.pid)) : [];
  } catch {
    return [];
  }
}

// ID-porten's `sub` is an opaque, stable id per person and client, never the pid itself.
const pidBySub = new Map();
function subFor(pid) {
  const sub = createHash('sha256').update(`${clientId}:${pid}`).digest('base64url');
  pidBySub.set(sub, pid);
  return sub;
}

const TEXTS = {
  nb: {
    title: 'TestID – lokal ID-porten',
    intro: 'Dette er en lokal testutgave av ID-porten for Stafett. Alle personene er oppdiktet, og fødselsnumrene er syntetiske.',
    choose: 'Velg hvem du vil logge inn som',
    level: 'Sikkerhetsnivå',
    high: 'Høyt (idporten-loa-high)',
    substantial: 'Betydelig (idporten-loa-substantial)',
    other: 'Annet fødselsnummer',
    otherHint: '11 siffer',
    login: 'Logg inn',
    cancel: 'Avbryt',
    badPid: 'Fødselsnummeret må ha 11 siffer.',
    none: 'Ingen testpersoner er lastet ennå.',
    loggingOut: 'Logger ut …',
    logout: 'Logg ut',
    loggedOut: 'Du er logget ut av ID-porten.',
  },
  en: {
    title: 'TestID – local ID-porten',
    intro: 'This is a local test version of ID-porten for Stafett. Every person is fictional and the national identity numbers are synthetic.',
    choose: 'Choose whom to log in as',
    level: 'Security level',
    high: 'High (idporten-loa-high)',
    substantial: 'Substantial (idporten-loa-substantial)',
    other: 'Other national identity number',
    otherHint: '11 digits',
    login: 'Log in',
    cancel: 'Cancel',
    badPid: 'The national identity number must have 11 digits.',
    none: 'No test persons are loaded yet.',
    loggingOut: 'Logging out …',
    logout: 'Log out',
    loggedOut: 'You are logged out of ID-porten.',
  },
};
TEXTS.nn = {
  ...TEXTS.nb,
  intro: 'Dette er ei lokal testutgåve av ID-porten for Stafett. Alle personane er oppdikta, og fødselsnummera er syntetiske.',
  choose: 'Vel kven du vil logge inn som',
  level: 'Tryggingsnivå',
  high: 'Høgt (idporten-loa-high)',
  none: 'Ingen testpersonar er lasta enno.',
  loggedOut: 'Du er logga ut av ID-porten.',
};

function language(locales) {
  const first = String(locales || '').split(' ').find((tag) => TEXTS[tag]);
  return first || 'nb';
}

const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(lang, title, body) {
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.5rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button,input,select{font:inherit;min-height:2.75rem;padding:.25rem .75rem}
li button{width:100%;text-align:left;background:#1f4e6b;color:#fff;border:0;border-radius:.4rem;font-weight:600}
.who{display:block;color:#4a5560;font-size:.9rem;margin:.125rem 0 0 .25rem}
.error{color:#a4262c;font-weight:600}label{display:block;font-weight:600;margin-top:1rem}
</style></head><body>${body}</body></html>`;
}

function loginPage(uid, lang, error) {
  const t = TEXTS[lang];
  const levelSelect = `<label for="acr">${t.level}</label>
    <select id="acr" name="acr" form="other">
      <option value="idporten-loa-high" selected>${t.high}</option>
      <option value="idporten-loa-substantial">${t.substantial}</option>
    </select>`;
  const list = persons();
  const buttons = list.length
    ? `<ul>${list.map((p, i) => `<li>
        <form method="post" action="/interaction/${uid}/login" id="p${i}">
          <input type="hidden" name="pid" value="${esc(p.pid)}">
          <input type="hidden" name="acr" value="idporten-loa-high" data-level>
          <button type="submit">${esc(p.name)}</button>
        </form>
        <span class="who">${esc(p.description || '')}</span></li>`).join('')}</ul>`
    : `<p>${t.none}</p>`;
  return page(lang, t.title, `
    <h1>${t.title}</h1>
    <p>${t.intro}</p>
    ${error ? `<p class="error" role="alert">${error}</p>` : ''}
    ${levelSelect}
    <h2>${t.choose}</h2>
    ${buttons}
    <form method="post" action="/interaction/${uid}/login" id="other">
      <label for="pid">${t.other}</label>
      <input id="pid" name="pid" inputmode="numeric" autocomplete="off" aria-describedby="pid-hint">
      <span class="who" id="pid-hint">${t.otherHint}</span>
      <p><button type="submit">${t.login}</button></p>
    </form>
    <form method="post" action="/interaction/${uid}/abort"><button type="submit">${t.cancel}</button></form>
    <script>
      // The level chosen above applies to every person's button too.
      const level = document.getElementById('acr');
      level.addEventListener('change', () => {
        for (const input of document.querySelectorAll('[data-level]')) input.value = level.value;
      });
    </script>`);
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'local-idporten-1', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: setting('IDPORTEN_CLIENT_SECRET'),
    redirect_uris: [setting('IDPORTEN_REDIRECT_URI')],
    post_logout_redirect_uris: [setting('IDPORTEN_POST_LOGOUT_REDIRECT_URI')],
    backchannel_logout_uri: setting('IDPORTEN_BACKCHANNEL_LOGOUT_URI'),
    backchannel_logout_session_required: true,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  acrValues: LEVELS,
  claims: { openid: ['sub'], profile: ['pid'] },
  // ID-porten puts `pid` in the ID token itself.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // ID-porten logs out without asking: the form submits itself.
      async logoutSource(ctx, form) {
        const lang = language(ctx.oidc.params?.ui_locales);
        ctx.body = page(lang, TEXTS[lang].loggingOut, `${form}
          <p>${TEXTS[lang].loggingOut}</p>
          <button type="submit" form="op.logoutForm" name="logout" value="yes">${TEXTS[lang].logout}</button>
          <script>
            const form = document.getElementById('op.logoutForm');
            const yes = document.createElement('input');
            yes.type = 'hidden'; yes.name = 'logout'; yes.value = 'yes';
            form.appendChild(yes);
            form.submit();
          </script>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('nb', TEXTS.nb.loggedOut, `<h1>${TEXTS.nb.loggedOut}</h1>`);
      },
    },
  },
  async findAccount(_ctx, sub) {
    const pid = pidBySub.get(sub);
    if (!pid) return undefined;
    return { accountId: sub, async claims() { return { sub, pid }; } };
  },
  // No consent screen: the requested scopes are granted, as ID-porten does.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope || 'openid');
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('nb', 'Feil', `<h1>Feil</h1><p>${esc(out.error)}: ${esc(out.error_description || '')}</p>`);
  },
});

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'wrong interaction');
  const lang = language(details.params.ui_locales);
  if (req.method === 'GET' && !action) {
    return send(res, 200, loginPage(uid, lang));
  }
  if (req.method === 'POST' && action === 'abort') {
    return provider.interactionFinished(req, res,
      { error: 'access_denied', error_description: 'the user cancelled' },
      { mergeWithLastSubmission: false });
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const pid = (form.get('pid') || '').replace(/\s/g, '');
    const acr = LEVELS.includes(form.get('acr')) ? form.get('acr') : 'idporten-loa-high';
    if (!/^\d{11}$/.test(pid)) return send(res, 400, loginPage(uid, lang, TEXTS[lang].badPid));
    return provider.interactionFinished(req, res,
      { login: { accountId: subFor(pid), acr, amr: ['TestID'] } },
      { mergeWithLastSubmission: false });
  }
  return send(res, 405, 'method not allowed');
}

const callback = provider.callback();
const server = createServer((req, res) => {
  const match = new URL(req.url, issuer).pathname.match(/^\/interaction\/([\w-]+)(?:\/(login|abort))?$/);
  if (!match) return callback(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    send(res, 400, page('nb', 'Feil', `<p>${esc(error.message)}</p>`));
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`local ID-porten listening on ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
