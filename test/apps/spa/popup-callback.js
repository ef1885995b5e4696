// The login popup's redirect_uri. It does nothing with the answer itself: it hands the whole callback
// URL to the window that opened it, only if that window is this app's own origin (the targetOrigin of
// postMessage), and closes. The opener checks state and redeems the code.
const status = document.querySelector('[data-testid="popup-status"]');

if (window.opener && !window.opener.closed) {
  window.opener.postMessage({ type: 'grantscope-spa/callback', url: location.href }, location.origin);
  window.close();
} else {
  status.textContent = 'This page finishes a login started from the app\'s "Log in with popup" button; no window is waiting for it.';
}
