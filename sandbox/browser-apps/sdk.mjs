// Wix's own @wix/sdk in the browser against the sandbox: OAuthStrategy's visitor tokens,
// register (with the emailed code), login, the member tokens of a direct login through the
// SDK's own hidden iframe, renewal and logout. The page (sdk.html) has already pointed the
// SDK's hosts at the sandbox. Every step's outcome goes to window.__results.
import { createClient, OAuthStrategy } from '@wix/sdk';

const { base, clientId } = window.SANDBOX;
const results = (window.__results = []);

function record(step, ok, detail) {
  results.push({ step, ok, detail: String(detail ?? '') });
  const item = document.createElement('li');
  item.id = `step-${step}`;
  item.textContent = `${ok ? 'ok' : 'FAILED'} ${step} ${detail ?? ''}`;
  document.getElementById('steps').appendChild(item);
}

async function step(name, body) {
  try {
    record(name, true, await body());
  } catch (e) {
    record(name, false, e?.message ?? e);
  }
}

async function main() {
  const client = createClient({ auth: OAuthStrategy({ clientId }) });
  const email = `sdk-${Date.now()}@example.com`;
  const password = 'a-long-password';
  let tokens;
  await step('generateVisitorTokens', async () => {
    tokens = await client.auth.generateVisitorTokens();
    client.auth.setTokens(tokens);
    return tokens.accessToken.value ? 'visitor tokens' : 'none';
  });
  await step('register', async () => {
    const answer = await client.auth.register({ email, password, profile: { nickname: 'Ada' } });
    if (answer.loginState !== 'EMAIL_VERIFICATION_REQUIRED') throw new Error(JSON.stringify(answer));
    const outbox = await (await fetch(`${base}/_sandbox/outbox?to=${encodeURIComponent(email)}`)).json();
    const verified = await client.auth.processVerification({ verificationCode: outbox.emails.at(-1).code });
    if (verified.loginState !== 'SUCCESS') throw new Error(JSON.stringify(verified));
    return 'registered, code verified';
  });
  let sessionToken;
  await step('login', async () => {
    const answer = await client.auth.login({ email, password });
    if (answer.loginState !== 'SUCCESS') throw new Error(JSON.stringify(answer));
    sessionToken = answer.data.sessionToken;
    return answer.loginState;
  });
  await step('getMemberTokensForDirectLogin', async () => {
    tokens = await client.auth.getMemberTokensForDirectLogin(sessionToken);
    client.auth.setTokens(tokens);
    if (tokens.refreshToken.role !== 'member') throw new Error(JSON.stringify(tokens.refreshToken.role));
    return 'member tokens through the SDK\'s iframe';
  });
  await step('renewToken', async () => {
    const renewed = await client.auth.renewToken(tokens.refreshToken);
    if (!renewed.accessToken.value) throw new Error('no access token');
    tokens = renewed;
    client.auth.setTokens(renewed);
    return 'renewed';
  });
  await step('logout', async () => {
    const { logoutUrl } = await client.auth.logout(window.location.origin);
    if (!logoutUrl.startsWith(base)) throw new Error(logoutUrl);
    window.__logoutUrl = logoutUrl;
    return 'logout URL';
  });
  window.__done = true;
}

main();
