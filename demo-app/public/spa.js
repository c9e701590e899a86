// The demo SPA: plain browser JavaScript around okta-auth-js's own bundle (global `OktaAuth`), following
// the README's "running as a service" pattern. It keeps tokens where okta-auth-js keeps them by default
// (localStorage, key `okta-token-storage`), so a test may pre-fill that key and the page behaves as after
// a real sign-in.
/* global OktaAuth */
(function () {
  'use strict';

  var config = window.DEMO_SPA_CONFIG;
  var authClient = new OktaAuth({
    issuer: config.issuer,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    postLogoutRedirectUri: config.postLogoutRedirectUri,
    scopes: config.scopes,
    pkce: config.pkce,
    tokenManager: {
      // Named explicitly although they are the defaults: this is the contract storageState relies on.
      storage: 'localStorage',
      storageKey: 'okta-token-storage',
      // No silent renewal through a hidden iframe to the IdP: an expired token is removed and the page
      // shows the sign-in button, which is what a test should see.
      autoRenew: false,
    },
    // After the callback, go back to the SPA's page without keeping the code in the history.
    restoreOriginalUri: function (_client, originalUri) {
      window.location.replace(originalUri || '/spa');
    },
  });

  function byTestId(id) {
    return document.querySelector('[data-testid="' + id + '"]');
  }

  function showError(err) {
    var box = byTestId('spa-error');
    box.hidden = false;
    box.textContent = (err && (err.errorSummary || err.message)) || String(err);
    byTestId('spa-status').textContent = 'Error';
  }

  function showSignedOut() {
    byTestId('spa-status').textContent = 'Not signed in';
    document.getElementById('signed-in').hidden = true;
    document.getElementById('signed-out').hidden = false;
  }

  async function showSignedIn(accessToken, idToken) {
    var claims = idToken.claims || {};
    byTestId('spa-status').textContent = 'Signed in';
    document.getElementById('signed-out').hidden = true;
    document.getElementById('signed-in').hidden = false;
    byTestId('spa-user-name').textContent = claims.name || claims.preferred_username || claims.sub || '';
    byTestId('spa-user-email').textContent = claims.email || '';

    var response = await fetch('/api/me', { headers: { Authorization: 'Bearer ' + accessToken.accessToken } });
    var result = byTestId('spa-api-me');
    result.dataset.status = String(response.status);
    result.textContent = await response.text();
  }

  byTestId('spa-sign-in').addEventListener('click', function () {
    authClient.signInWithRedirect({ originalUri: '/spa' }).catch(showError);
  });
  byTestId('spa-sign-out').addEventListener('click', function () {
    // Okta's logout returns to the home page, not to the SPA: clear the tokens now rather than leave them
    // flagged for removal in localStorage until the SPA's next start.
    authClient.signOut({ clearTokensBeforeRedirect: true }).catch(showError);
  });

  // okta-auth-js decides: isAuthenticated needs an unexpired access token AND ID token.
  authClient.authStateManager.subscribe(function (authState) {
    if (authState.isAuthenticated) {
      showSignedIn(authState.accessToken, authState.idToken).catch(showError);
    } else {
      showSignedOut();
    }
  });

  async function main() {
    if (authClient.isLoginRedirect()) {
      // Exchanges the code (PKCE), stores the tokens, then restoreOriginalUri leaves this page.
      await authClient.handleLoginRedirect();
      return;
    }
    await authClient.start();
  }

  main().catch(showError);
})();
