// Service worker: lets a board opened before load again with no connection. The app shell (index.html
// and the hashed assets it names) is cached; board data never passes through here (it lives in
// IndexedDB and travels over the WebSocket).
const CACHE = 'iot-decision-board-shell';
const SHELL = '/index.html';
const NETWORK_ONLY = ['/api/', '/sync', '/healthz', '/metrics'];

function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

// The chunks the page loads only when a part is first used (the grid, the phone layout, the export panel...):
// index.html does not name them, the build's manifest does. Without it (an older build), none.
async function laterAssets() {
  const response = await fetch('/build-manifest.json', { cache: 'no-store' }).catch(() => null);
  if (!response || !response.ok) return [];
  const manifest = await response.json();
  return Object.values(manifest).flatMap((chunk) =>
    [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])].map((file) => `/${file}`),
  );
}

// Caches index.html and exactly the assets of its build, those it names and those loaded later, so that a
// board opened before opens its grid or export panel offline too; drops assets of older builds.
async function refreshShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  const wanted = new Set([...assetsOf(html), ...(await laterAssets())]);
  await cache.put(SHELL, response);
  const missing = [];
  for (const path of wanted) if (!(await cache.match(path))) missing.push(path);
  await cache.addAll(missing);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('/', { cache: 'no-store' })
      .then((response) => (response.ok ? refreshShell(response) : undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (NETWORK_ONLY.some((prefix) => url.pathname.startsWith(prefix))) return;

  if (request.mode === 'navigate') {
    // Network first, so a new version is picked up at once; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) event.waitUntil(refreshShell(response.clone()).catch(() => undefined));
          return response;
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Hashed names never change content: cache first.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ??
          fetch(request).then(async (response) => {
            if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
            return response;
          }),
      ),
    );
    return;
  }

  event.respondWith(
    fetch(request)
      .then(async (response) => {
        if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
        return response;
      })
      .catch(async () => (await caches.match(request)) ?? Response.error()),
  );
});
