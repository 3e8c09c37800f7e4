"""Open every page of the built site (`python -m rnnbook.site`) in headless Chromium and fail on what a reader would see broken.

    python tools/check_site.py [_site] [--shots DIR]

Serves the folder on 127.0.0.1 (an http.server thread), starts `chromium --headless` with its DevTools port and
drives it over a websocket (the `websocket-client` package, which Jupyter installs). For every page it waits for
MathJax to finish, then fails on: a console error or uncaught exception, a request that left the machine or got an
HTTP error, an image with zero natural width, `$$`, `\\(` or `\\[` left in the visible text or a MathJax error
(maths not typeset), a visible `#|`, an internal link whose page or anchor does not exist. Saves screenshots of the
index and one chapter and prints their folder."""
from __future__ import annotations
import argparse, base64, functools, http.server, json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse
import websocket  # websocket-client

ROOT = Path(__file__).resolve().parent.parent

# Run in the page once MathJax is done: everything the checks need, as JSON.
PROBE = r'''(() => {
  const visible = (skip) => {  // the text a reader sees in <main>, less the elements matching `skip`
    const m = document.querySelector('main').cloneNode(true);
    m.querySelectorAll(skip).forEach(c => c.remove());
    document.body.appendChild(m);  // innerText needs a rendered element
    const t = m.innerText; m.remove(); return t; };
  const prose = visible('pre, code, .highlight'), all = visible('p code, li code, td code');
  const hits = (text, re) => [...text.matchAll(re)].map(m => m[0] + ' in: ' + JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 40)));
  const raw = hits(prose, /\$\$|\\\(|\\\[/g).concat(hits(all, /^[ \t]*#\|/gm));  // maths not typeset; a directive line left in
  return JSON.stringify({
    raw, mathErrors: document.querySelectorAll('.MathJax_Error, merror, .mjx-merror').length,
    math: document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_SVG').length,
    badImages: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src')),
    images: document.images.length,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    sidebar: document.querySelectorAll('.sidebar li').length, copy: document.querySelectorAll('button.copy').length});
})()'''


class Quiet(http.server.SimpleHTTPRequestHandler):
    errors = []
    def log_message(self, *a): pass
    def log_request(self, code='-', size='-'):
        if str(code).isdigit() and int(code) >= 400: Quiet.errors.append(f'HTTP {code} for {self.path}')


class Chrome:
    "Headless Chromium driven over the DevTools protocol: navigate, evaluate, screenshot, collect console errors"
    def __init__(self):
        exe = next((shutil.which(c) for c in ('chromium', 'chromium-browser', 'google-chrome') if shutil.which(c)), None)
        if not exe: sys.exit('no chromium found: apt-get install -y chromium')
        self.profile = tempfile.mkdtemp(prefix='check_site_')
        self.proc = subprocess.Popen([exe, '--headless=new', '--disable-gpu', '--no-sandbox', '--no-first-run',
                                      '--remote-debugging-port=0', f'--user-data-dir={self.profile}', '--window-size=1280,900',
                                      '--remote-allow-origins=*', 'about:blank'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile)/'DevToolsActivePort'
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip(): break
            time.sleep(0.1)
        else: sys.exit('chromium did not open its DevTools port within 30 s')
        port = port_file.read_text().split()[0]
        targets = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/json/list'))
        self.ws = websocket.create_connection(next(t for t in targets if t['type'] == 'page')['webSocketDebuggerUrl'], timeout=60)
        self.n, self.events = 0, []
        for d in ('Runtime', 'Log', 'Page', 'Network'): self.send(f'{d}.enable')

    def send(self, method, **params):
        self.n += 1
        self.ws.send(json.dumps(dict(id=self.n, method=method, params=params)))
        while True:
            m = json.loads(self.ws.recv())
            if m.get('id') == self.n:
                if 'error' in m: raise RuntimeError(f'{method}: {m["error"]}')
                return m.get('result', {})
            self.events.append(m)

    def eval(self, js):
        r = self.send('Runtime.evaluate', expression=js, returnByValue=True, awaitPromise=True)
        return r.get('result', {}).get('value')

    def open(self, url, timeout=30):
        "Load `url` and wait until its maths is typeset"
        self.events.clear()
        self.send('Page.navigate', url=url)
        t0 = time.time()
        while time.time() - t0 < timeout:
            if self.eval("document.readyState === 'complete' && document.body && document.body.getAttribute('data-math') === 'done'"): return True
            time.sleep(0.1)
        return False

    def problems(self, origin):
        "Console errors, exceptions and requests off the machine since the last `open`"
        res = []
        for e in self.events:
            m, p = e.get('method'), e.get('params', {})
            if m == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'assert'):
                res.append('console error: ' + ' '.join(str(a.get('value', a.get('description', ''))) for a in p.get('args', [])))
            elif m == 'Runtime.exceptionThrown': res.append('exception: ' + p['exceptionDetails'].get('exception', {}).get('description', p['exceptionDetails'].get('text', '')))
            elif m == 'Log.entryAdded' and p['entry']['level'] == 'error': res.append(f"console error: {p['entry']['text']} {p['entry'].get('url', '')}")
            elif m == 'Network.requestWillBeSent':
                u = p['request']['url']
                if not (u.startswith(origin) or u.startswith(('data:', 'about:', 'blob:'))): res.append(f'request off the machine: {u}')
            elif m == 'Network.loadingFailed' and not p.get('canceled'): res.append(f"request failed: {p.get('errorText')} ({p.get('type')})")
        return res

    def shot(self, path, y=0):
        self.eval(f'window.scrollTo(0, {y})')
        time.sleep(0.2)
        path.write_bytes(base64.b64decode(self.send('Page.captureScreenshot', format='png')['data']))

    def close(self):
        try: self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(10)
            shutil.rmtree(self.profile, ignore_errors=True)


def check(site, shots, chapter='rnn.html') -> list:
    "Problems found on the pages of `site`, [] if none; screenshots of the index and `chapter` go into `shots`"
    site = Path(site).resolve()
    pages = sorted(p.name for p in site.glob('*.html'))
    if 'index.html' not in pages: return [f'{site} has no index.html: build it with python -m rnnbook.site']
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    origin = f'http://127.0.0.1:{srv.server_address[1]}/'
    chrome, found, seen = Chrome(), [], {}
    try:
        chrome.send('Emulation.setDeviceMetricsOverride', width=1280, height=900, deviceScaleFactor=1, mobile=False)
        for name in pages:
            t0 = time.time()
            probs = [] if chrome.open(origin + name) else ['MathJax did not finish within 30 s']
            r = json.loads(chrome.eval(PROBE))
            probs += chrome.problems(origin) + r['raw']
            probs += [f'{r["mathErrors"]} maths errors'] * bool(r['mathErrors'])
            probs += [f'image not loaded: {s}' for s in r['badImages']]
            seen[name] = r
            found += [f'{name}: {p}' for p in probs]
            print(f'{name:24} {time.time() - t0:4.1f} s  {r["math"]:4} maths  {r["images"]:3} images  {len(r["links"]):4} links  '
                  f'{r["copy"]:3} copy buttons  {len(probs)} problems', flush=True)
            if name == 'index.html': chrome.shot(shots/'index.png')
            if name == chapter:
                chrome.shot(shots/'chapter.png')
                chrome.shot(shots/'chapter-maths.png', chrome.eval("document.querySelector('.MathJax_Display').getBoundingClientRect().top + scrollY - 200"))
                for f, sel in [('figure', '.output_area img'), ('api', 'a.source-link'), ('widget', '.widget-note')]:
                    chrome.shot(shots/f'chapter-{f}.png', chrome.eval(f"document.querySelector('{sel}').getBoundingClientRect().top + scrollY - 200"))
        for name, r in seen.items():
            for href in r['links']:
                url, frag = urldefrag(href)
                if not url.startswith(origin): continue
                target = url[len(origin):] or 'index.html'
                if target not in seen: found.append(f'{name}: link to a missing page: {href[len(origin):]}')
                elif frag and frag not in seen[target]['ids']: found.append(f'{name}: link to a missing anchor: {href[len(origin):]}')
        found += [f'server: {e}' for e in Quiet.errors]
    finally:
        chrome.close()
        srv.shutdown()
    return found


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('site', nargs='?', default=str(ROOT/'_site'))
    ap.add_argument('--shots', default=str(ROOT/'_site_shots'), help='folder for the screenshots')
    a = ap.parse_args()
    shots = Path(a.shots).resolve()
    shots.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    found = check(a.site, shots)
    print(f'screenshots in {shots}')
    for f in found: print('FAIL', f)
    print(f'{len(found)} problems on the pages of {a.site}, checked in {time.time() - t0:.0f} s')
    sys.exit(1 if found else 0)
