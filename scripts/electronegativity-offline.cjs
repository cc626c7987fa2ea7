// electronegativity fetches fresh translations from the network each time it starts (dist/locales/i18n.js) and,
// offline, crashes inside got's retry ("The `onCancel` handler was attached after the promise settled"). CI and
// these machines have no network: answer that request with a failure at once, so the tool falls back to its
// bundled en-US strings. Only `got` required from inside electronegativity is replaced.
const Module = require('node:module');

const load = Module._load;
Module._load = function loadWithoutNetwork(request, parent, isMain) {
  if (request === 'got' && parent && parent.filename && parent.filename.includes('electronegativity')) {
    return () => Promise.reject(new Error('offline: translations not fetched'));
  }
  return load.call(this, request, parent, isMain);
};
