// Offline use. At install the page, its scripts and styles, the wasm and the examples are
// cached from the list the build writes (pkg/assets.json), under a name made of the list's
// version, which changes whenever any of those files does. Every request then goes to the
// network first (the server answers 304 for what did not change), so a changed page shows
// at once; only when the network is gone does the cache answer. Nothing is ever sent
// anywhere but the page's own origin.

/** This worker's global scope, typed as what it is (`self` is typed as any worker's). */
const scope = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const PREFIX = 'bits-inspector-';
const META = `${PREFIX}meta`;

scope.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch('pkg/assets.json', { cache: 'no-cache' });
    const { version: built, files } = await response.json();
    const cache = await caches.open(PREFIX + built);
    await cache.addAll(files);
    await (await caches.open(META)).put('version', new Response(built));
    version = built;
    await scope.skipWaiting();
  })());
});

scope.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const current = PREFIX + (await currentVersion());
    for (const name of await caches.keys()) {
      if (name !== current && name !== META && name.startsWith(PREFIX)) await caches.delete(name);
    }
    await scope.clients.claim();
  })());
});

// Read once per worker: every request asks for it.
let version = null;

async function currentVersion() {
  if (version === null) {
    const stored = await (await caches.open(META)).match('version');
    version = stored ? await stored.text() : '';
  }
  return version;
}

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(answer(request));
});

async function answer(request) {
  try {
    const response = await fetch(request);
    // Keep the copy fresh; partial answers (206) cannot be cached.
    if (response.status === 200) {
      const cache = await caches.open(PREFIX + (await currentVersion()));
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    // A share link is the page with a fragment: the page itself answers any navigation.
    if (request.mode === 'navigate') {
      const page = await caches.match('./');
      if (page) return page;
    }
    throw offline;
  }
}
