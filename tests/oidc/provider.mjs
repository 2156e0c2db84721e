// Real OpenID Connect providers for the council sign-in tests, one per council's directory,
// each on its own port of 127.0.0.1, built with the certified `oidc-provider` package.
//
// Usage: node tests/oidc/provider.mjs '<json>' where the JSON is
//   {"directories": [{"name": "north", "clients": [{"client_id", "client_secret",
//     "redirect_uris": [...]}], "accounts": {"<login>": {"oid", "tid", "email", "name",
//     "given_name", "family_name"}}}]}
// It prints one line of JSON, {"<name>": "<issuer>"}, once every provider is listening.
//
// Tokens carry Microsoft Entra ID's claims: `tid` (the directory), `oid` (the account's stable
// id) and a `sub` that differs per application, as Entra's does. An account's `tid` is the
// test's to choose, so one directory can hand out another tenant's account, as Entra's
// multi-tenant endpoint does: Headway must refuse it by its `tid`.
//
// Sign-in uses the package's development pages: any password is accepted for a login listed
// in `accounts` (the test drives the pages in the browser as a person would).
import http from "node:http";

import Provider from "oidc-provider";

const config = JSON.parse(process.argv[2]);

function listen(server) {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

async function start(directory) {
  let handler = null;
  const server = http.createServer((req, res) => handler(req, res));
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: directory.clients.map((client) => ({
      ...client,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    })),
    claims: {
      openid: ["sub", "tid", "oid"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name", "preferred_username"],
    },
    // The claims go in the ID token itself, where Entra puts tid and oid.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["headway-test-only"] },
    async findAccount(ctx, login) {
      const account = directory.accounts[login];
      if (!account) {
        return undefined;
      }
      return {
        accountId: login,
        async claims(use, scope, claims, rejected) {
          return {
            sub: `${account.oid}-at-${ctx.oidc.client?.clientId ?? "any"}`,
            preferred_username: account.email,
            ...account,
          };
        },
      };
    },
  });
  handler = provider.callback();
  return [directory.name, issuer];
}

const issuers = Object.fromEntries(await Promise.all(config.directories.map(start)));
process.stdout.write(`${JSON.stringify(issuers)}\n`);
