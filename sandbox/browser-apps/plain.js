// A browser client of Wix Headless member login written from the REST docs ("Handle
// Members with Custom Login Using the REST API", "Handle Visitors"), no build step. It
// calls the sandbox where a real app calls https://www.wixapis.com. Every step's outcome
// goes to window.__results; window.__done is set when the page's steps are over.
'use strict';

const { base, clientId } = window.SANDBOX;
const results = (window.__results = []);
const origin = window.location.origin;

function record(step, ok, detail) {
  results.push({ step, ok, detail: String(detail ?? '') });
  const item = document.createElement('li');
  item.id = `step-${step}`;
  item.textContent = `${ok ? 'ok' : 'FAILED'} ${step} ${detail ?? ''}`;
  document.getElementById('steps').appendChild(item);
}

async function call(path, { token, body, method = 'POST' } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = token;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function pkce() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge, state };
}

async function visitorTokens() {
  const { status, json } = await call('/oauth2/token', { body: { clientId, grantType: 'anonymous' } });
  if (status !== 200) throw new Error(`visitor tokens: ${status}`);
  return json;
}

async function redirectSession(visitor, authRequest) {
  const { status, json } = await call('/_api/redirects-api/v1/redirect-session', {
    token: visitor,
    body: { auth: { authRequest: { clientId, responseType: 'code', scope: 'offline_access', codeChallengeMethod: 'S256', ...authRequest } } },
  });
  if (status !== 200) throw new Error(`redirect session: ${status} ${JSON.stringify(json)}`);
  return json.redirectSession.fullUrl;
}

async function exchange(code, verifier, redirectUri) {
  const body = { clientId, grantType: 'authorization_code', code, codeVerifier: verifier };
  if (redirectUri) body.redirectUri = redirectUri;
  const { status, json } = await call('/oauth2/token', { body });
  if (status !== 200) throw new Error(`code exchange: ${status} ${JSON.stringify(json)}`);
  return json;
}

// Step 9 of the docs, "iframe": the authorization URL in a hidden iframe, the code and state
// posted back to this page, the state checked.
async function memberTokensThroughIframe(visitor, sessionToken) {
  const { verifier, challenge, state } = await pkce();
  const url = await redirectSession(visitor, { codeChallenge: challenge, state, responseMode: 'web_message', sessionToken });
  const message = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message from the iframe')), 10000);
    window.addEventListener('message', function listen(event) {
      if (event.origin !== new URL(base).origin || !event.data || event.data.state === undefined) return;
      window.removeEventListener('message', listen);
      clearTimeout(timer);
      resolve(event.data);
    });
  });
  const iframe = document.createElement('iframe');
  iframe.style.display = 'none';
  iframe.src = url;
  document.body.appendChild(iframe);
  const data = await message;
  iframe.remove();
  if (data.state !== state) throw new Error('the state posted back is not ours');
  if (!data.code) throw new Error(`no code: ${JSON.stringify(data)}`);
  return exchange(data.code, verifier);
}

async function step(name, body) {
  try {
    record(name, true, await body());
  } catch (e) {
    record(name, false, e.message);
  }
}

async function main() {
  const email = `plain-${Date.now()}@example.com`;
  const password = 'a-long-password';
  let visitor, member, stateToken, sessionToken;
  await step('visitor', async () => {
    visitor = (await visitorTokens()).access_token;
    return visitor ? 'visitor tokens' : 'none';
  });
  await step('register', async () => {
    const { status, json } = await call('/_api/iam/authentication/v2/register', {
      token: visitor,
      body: { loginId: { email }, password, profile: { firstName: 'Ada', customFields: { favColor: 'blue' } } },
    });
    if (status !== 200 || json.state !== 'REQUIRE_EMAIL_VERIFICATION') throw new Error(`${status} ${json.state}`);
    stateToken = json.stateToken;
    return json.state;
  });
  await step('verify-email', async () => {
    const outbox = await call(`/_sandbox/outbox?to=${encodeURIComponent(email)}`, { method: 'GET' });
    const code = outbox.json.emails.at(-1).code;
    const { status, json } = await call('/_api/iam/verification/v1/auth/verify', { token: visitor, body: { code, stateToken } });
    if (status !== 200 || json.state !== 'SUCCESS') throw new Error(`${status} ${json.state}`);
    sessionToken = json.sessionToken;
    return json.state;
  });
  await step('member-tokens-iframe', async () => {
    member = await memberTokensThroughIframe(visitor, sessionToken);
    return member.refresh_token ? 'member tokens' : 'no refresh token';
  });
  await step('login', async () => {
    const { status, json } = await call('/_api/iam/authentication/v2/login', { token: visitor, body: { loginId: { email }, password } });
    if (status !== 200 || json.state !== 'SUCCESS') throw new Error(`${status} ${json.state}`);
    member = await memberTokensThroughIframe(visitor, json.sessionToken);
    return 'logged in again, member tokens through the iframe';
  });
  await step('refresh', async () => {
    const { status, json } = await call('/oauth2/token', { body: { clientId, grantType: 'refresh_token', refreshToken: member.refresh_token } });
    if (status !== 200) throw new Error(`${status}`);
    member.access_token = json.access_token;
    return 'renewed';
  });
  await step('get-my-member', async () => {
    const { status, json } = await call('/members/v1/members/my', { token: member.access_token, method: 'GET' });
    if (status !== 200 || json.member.loginEmail !== email) throw new Error(`${status}`);
    return json.member.loginEmail;
  });
  await step('wrong-password', async () => {
    const { status, json } = await call('/_api/iam/authentication/v2/login', { token: visitor, body: { loginId: { email }, password: 'wrong-password' } });
    const code = json.details?.applicationError?.code;
    if (status !== 401 || code !== '-19976') throw new Error(`${status} ${code}`);
    return `${status} ${code}`;
  });
  await step('existing-email', async () => {
    const { status, json } = await call('/_api/iam/authentication/v2/register', { token: visitor, body: { loginId: { email }, password } });
    const code = json.details?.applicationError?.code;
    if (status !== 409 || code !== '-19995') throw new Error(`${status} ${code}`);
    return `${status} ${code}`;
  });
  await step('unknown-email', async () => {
    const { status, json } = await call('/_api/iam/authentication/v2/login', { token: visitor, body: { loginId: { email: `nobody-${email}` }, password } });
    const code = json.details?.applicationError?.code;
    if (status !== 404 || code !== '-19999') throw new Error(`${status} ${code}`);
    return `${status} ${code}`;
  });
  sessionStorage.setItem('member', JSON.stringify(member));
  window.__done = true;
}

// Logout, as the docs' "Logging out a member": a redirect session for the logout URL back
// to this page's origin — window.location.origin, no trailing slash — and the browser sent
// there.
window.startLogout = async () => {
  const member = JSON.parse(sessionStorage.getItem('member'));
  const { status, json } = await call('/_api/redirects-api/v1/redirect-session', {
    token: member.access_token,
    body: { logout: { clientId }, callbacks: { postFlowUrl: origin } },
  });
  if (status !== 200) {
    record('logout', false, `${status} ${JSON.stringify(json)}`);
    window.__done = true;
    return;
  }
  window.location.assign(json.redirectSession.fullUrl);
};

// Social login through the provider's page, back to callback.html with the code in the
// fragment.
window.startSocialLogin = async () => {
  const visitor = (await visitorTokens()).access_token;
  const { verifier, challenge, state } = await pkce();
  const redirectUri = `${origin}/callback`;
  sessionStorage.setItem('social', JSON.stringify({ verifier, state, redirectUri }));
  const url = await redirectSession(visitor, { codeChallenge: challenge, state, responseMode: 'fragment', redirectUri, idp: 'idp-1' });
  window.location.assign(url);
};

async function completeSocialLogin() {
  await step('social-login', async () => {
    const { verifier, state, redirectUri } = JSON.parse(sessionStorage.getItem('social'));
    const params = new URLSearchParams(window.location.hash.slice(1));
    if (params.get('state') !== state) throw new Error('the state in the fragment is not ours');
    const tokens = await exchange(params.get('code'), verifier, redirectUri);
    const me = await call('/members/v1/members/my', { token: tokens.access_token, method: 'GET' });
    if (me.status !== 200) throw new Error(`Get My Member: ${me.status}`);
    return me.json.member.loginEmail;
  });
  window.__done = true;
}

if (window.location.pathname === '/callback') {
  completeSocialLogin();
} else if (new URLSearchParams(window.location.search).get('run') === 'steps') {
  main();
}
