// Records what @wix/sdk's OAuthStrategy sends for every member-auth call the flows crate
// covers, one JSON trace per call in ./traces/. `fetch` is replaced by a recorder that
// answers plausible canned JSON, so nothing leaves the machine; only the *requests* are
// evidence. Run through `cargo xtask sdk-traces` (or `npm ci && node record.mjs`).
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createClient, OAuthStrategy } from '@wix/sdk';

const CLIENT_ID = '6dc0b3b4-4a6f-4e7c-9a0e-0c2b2f6b7f11';
const MEMBER_ID = '12432ed2-ef8b-6bf3-8f9n-94f3c4d0ef85';
const API_KEY = 'IST.api-key';
const EMAIL = 'john@doe.com';
const REDIRECT_URI = 'https://mysite.com/callback';
const VISITOR = 'OauthNG.JWS.visitor-access';
const SESSION_TOKEN = 'MST.session-token';
const CODE = 'OLI79QEL';
// Telemetry only; not part of the API contract.
const IGNORED_HEADERS = new Set(['x-wix-bi-gateway']);

const identity = {
  id: MEMBER_ID,
  revision: '1',
  email: { address: EMAIL, isVerified: true },
  status: { name: 'ACTIVE', reasons: [] },
};
const tokens = { access_token: 'OauthNG.JWS.access', token_type: 'Bearer', expires_in: 14400, refresh_token: 'JWS.refresh' };

/// The canned answer for a request: enough for the SDK to go on to its next request.
function answer(url, body) {
  const path = new URL(url).pathname;
  if (path.endsWith('/oauth2/token')) return tokens;
  if (path.endsWith('/redirect-session')) {
    const state = body?.auth?.authRequest?.state ?? '';
    return {
      redirectSession: {
        id: 'rs-1',
        fullUrl: `https://mysite.com/_api/oauth2/authorize?redirectSessionId=rs-1`,
        urlDetails: { endpoint: 'https://mysite.com/_api/oauth2/authorize', searchParams: {} },
        sessionToken: '',
        _state: state,
      },
    };
  }
  if (path.endsWith('/v2/register')) return { state: 'REQUIRE_EMAIL_VERIFICATION', stateToken: 'AST.state-token', identity };
  if (path.endsWith('/v2/login')) return { state: 'SUCCESS', sessionToken: SESSION_TOKEN, identity };
  if (path.endsWith('/auth/verify')) return { state: 'SUCCESS', sessionToken: SESSION_TOKEN, identity };
  if (path.endsWith('/v2/sign-on')) return { sessionToken: SESSION_TOKEN, identity };
  return {};
}

// A seeded generator for the SDK's PKCE verifier and state, so a re-recording changes a trace
// only where the SDK's requests changed.
let seed = 0x2545f491;
const deterministic = (array) => {
  for (let i = 0; i < array.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    array[i] = seed >>> 24;
  }
  return array;
};
Object.defineProperty(globalThis.crypto, 'getRandomValues', { value: deterministic });

let recorded = [];
let lastAuthState = '';

globalThis.fetch = async (input, init = {}) => {
  const url = typeof input === 'string' ? input : input.url ?? String(input);
  const method = (init.method ?? input.method ?? 'GET').toUpperCase();
  const headers = {};
  const raw = init.headers ?? input.headers ?? {};
  const entries = typeof raw.forEach === 'function' && !Array.isArray(raw) ? [] : Object.entries(raw);
  if (entries.length === 0 && typeof raw.forEach === 'function') raw.forEach((v, k) => entries.push([k, v]));
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!IGNORED_HEADERS.has(lower)) headers[lower] = String(value);
  }
  const text = init.body ?? null;
  const body = text ? JSON.parse(text) : null;
  if (body?.auth?.authRequest?.state) lastAuthState = body.auth.authRequest.state;
  recorded.push({ method, url, headers: Object.fromEntries(Object.entries(headers).sort()), body });
  return new Response(JSON.stringify(answer(url, body)), {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-wix-request-id': 'req-1' },
  });
};

// getMemberTokensForDirectLogin runs in a browser: a hidden iframe loads the authorize URL and
// Wix posts {code, state} back. These stand-ins "load" the frame and post the answer.
let messageHandler = null;
globalThis.window = {
  addEventListener: (name, fn) => { if (name === 'message') messageHandler = fn; },
  removeEventListener: () => { messageHandler = null; },
};
globalThis.document = {
  createElement: () => ({ style: {}, parentElement: null }),
  body: {
    appendChild: (el) => {
      setTimeout(() => messageHandler?.({ data: { code: CODE, state: lastAuthState } }), 0);
      return el;
    },
    contains: () => false,
  },
};

const visitorTokens = {
  accessToken: { value: VISITOR, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
  refreshToken: { value: 'JWS.visitor-refresh', role: 'visitor' },
};
const strategy = (withTokens = true) => OAuthStrategy({ clientId: CLIENT_ID, ...(withTokens && { tokens: visitorTokens }) });

const calls = [
  ['generate_visitor_tokens', 'generateVisitorTokens()', () => strategy(false).generateVisitorTokens()],
  ['renew_token', 'renewToken(refreshToken)', () => strategy().renewToken({ value: 'JWS.member-refresh', role: 'member' })],
  ['register', 'register({email, password, profile})', () =>
    strategy().register({ email: EMAIL, password: 'verySecurePassword', profile: { nickname: 'Johnny Boy' } })],
  ['login', 'login({email, password})', () => strategy().login({ email: EMAIL, password: 'verySecurePassword' })],
  ['process_verification', 'processVerification({verificationCode}, state)', () =>
    strategy().processVerification({ verificationCode: '123456' }, { loginState: 'EMAIL_VERIFICATION_REQUIRED', data: { stateToken: 'AST.state-token' } })],
  ['get_auth_url_query', "getAuthUrl(oauthData, {prompt: 'login', responseMode: 'query'})", () => {
    const s = strategy();
    return s.getAuthUrl(s.generateOAuthData(REDIRECT_URI), { prompt: 'login', responseMode: 'query' });
  }],
  ['get_auth_url_fragment', "getAuthUrl(oauthData, {prompt: 'login'})", () => {
    const s = strategy();
    return s.getAuthUrl(s.generateOAuthData(REDIRECT_URI), { prompt: 'login' });
  }],
  ['get_auth_url_idp', "getAuthUrl(oauthData, {prompt: 'login', responseMode: 'query', idp: 'google'})", () => {
    const s = strategy();
    return s.getAuthUrl(s.generateOAuthData(REDIRECT_URI), { prompt: 'login', responseMode: 'query', idp: 'google' });
  }],
  ['get_auth_url_session', "getAuthUrl(oauthData, {prompt: 'none', responseMode: 'query', sessionToken})", () => {
    const s = strategy();
    return s.getAuthUrl(s.generateOAuthData(REDIRECT_URI), { prompt: 'none', responseMode: 'query', sessionToken: SESSION_TOKEN });
  }],
  ['get_member_tokens', 'getMemberTokens(code, state, oauthData)', () => {
    const s = strategy();
    const data = s.generateOAuthData(REDIRECT_URI);
    return s.getMemberTokens(CODE, data.state, data);
  }],
  ['direct_login', 'getMemberTokensForDirectLogin(sessionToken)', () => strategy().getMemberTokensForDirectLogin(SESSION_TOKEN)],
  ['send_password_reset_email', 'sendPasswordResetEmail(email, redirectUri)', () => strategy().sendPasswordResetEmail(EMAIL, REDIRECT_URI)],
  ['logout', 'logout(originalUrl)', () => strategy().logout('https://mysite.com/')],
  ['external_login', 'getMemberTokensForExternalLogin(memberId, apiKey)', () =>
    strategy().getMemberTokensForExternalLogin(MEMBER_ID, API_KEY)],
  ['external_login_with_session', 'getMemberTokensForExternalLoginWithSession(email, apiKey, {verifyEmail: true})', () =>
    strategy().getMemberTokensForExternalLoginWithSession(EMAIL, API_KEY, { verifyEmail: true })],
];

const sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/@wix/sdk/package.json', import.meta.url))).version;
const out = new URL('./traces/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const [name, call, run] of calls) {
  recorded = [];
  await run();
  const trace = { call, sdk: `@wix/sdk@${sdkVersion}`, requests: recorded };
  writeFileSync(new URL(`${name}.json`, out), JSON.stringify(trace, null, 2) + '\n');
  console.log(`${name}: ${recorded.length} request(s)`);
}
// createClient is imported so a change of the SDK's module layout fails loudly here.
void createClient;
