// Test harness for the browser tests: starts a throwaway meihao server with demo data,
// a small cookie-aware API client, and Debian's chromium through playwright-core.
//
// Environment:
//   MEIHAO_BIN      server binary (default: <repo>/build/meihao)
//   MEIHAO_WEB_DIR  built web UI (default: <repo>/web/dist); passed to `serve` if it has a --web-dir style option
//   CHROMIUM        browser binary (default: /usr/bin/chromium)
//   E2E_KEEP        keep the temp dir (DB, server log) for inspection
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'
import { chromium } from 'playwright-core'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = path.resolve(REPO, process.env.MEIHAO_BIN || 'build/meihao')
export const WEB_DIR = path.resolve(REPO, process.env.MEIHAO_WEB_DIR || 'web/dist')
export const SHOTS = path.join(REPO, 'tests/e2e/screenshots')
export const ADMIN_PASSWORD = 'Init-Admin-Pass-2026'

export const DEMO = {
  city_admin: 'demo-city-2023',
  county_admin: 'demo-county-2023',
  street_staff: 'demo-street-2023',
  auditor: 'demo-audit-2023',
  assessor: 'demo-assess-2023',
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

function run(args, dir) {
  const r = spawnSync(BIN, args, { cwd: REPO, encoding: 'utf8', timeout: 60_000 })
  fs.appendFileSync(path.join(dir, 'cli.log'), `$ meihao ${args.join(' ')}\n${r.stdout || ''}${r.stderr || ''}\n`)
  if (r.status !== 0) {
    throw new Error(`meihao ${args.join(' ')} failed (status ${r.status}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`)
  }
  return r
}

/** The `serve` option that names the web directory, if the binary has one. */
function webDirArgs() {
  const r = spawnSync(BIN, ['serve', '--help'], { cwd: REPO, encoding: 'utf8', timeout: 10_000 })
  const help = `${r.stdout || ''}${r.stderr || ''}`
  const m = /(--web[-_a-z]*)/.exec(help)
  return m ? [m[1], WEB_DIR] : []
}

/**
 * Starts a fresh server: init (admin with ADMIN_PASSWORD, must change it), demo data, serve on a free port.
 * `env` is added to the server's environment (e.g. { MEIHAO_TODAY: '2023-06-15' }).
 * `dataDir` restarts on an earlier server's data dir (no init, no demo); see below.
 * Returns { base, dir, db, stop({ keepDir }) }.
 */
export async function startServer({ env = {}, dataDir = null, story = false } = {}) {
  if (!fs.existsSync(BIN)) throw new Error(`server binary not found: ${BIN} (build it, or set MEIHAO_BIN)`)
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html')))
    throw new Error(`web UI not built: ${WEB_DIR}/index.html missing (run: cd web && npm ci && npm run build)`)
  // dataDir: serve the data dir of an earlier server (stopped with stop({ keepDir: true })) — e.g. to move
  // "today" on with another MEIHAO_TODAY on the same database. Sessions live in the database, so cookies stay
  // valid, but the port (and so `base`) changes: use the new base for page.goto and API clients.
  const dir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-e2e-'))
  const db = path.join(dir, 'meihao.db')
  if (!dataDir) {
    const pwFile = path.join(dir, 'admin-password')
    fs.writeFileSync(pwFile, ADMIN_PASSWORD + '\n', { mode: 0o600 })
    run(['init', '--db', db, '--admin-password-file', pwFile], dir)
    run(['demo', '--db', db, ...(story ? ['--story'] : [])], dir)  // story: as `make run` loads it
  }
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const log = fs.openSync(path.join(dir, 'server.log'), 'a')
  const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...webDirArgs()], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  })
  let exited = null
  child.on('exit', (code, sig) => (exited = { code, sig }))
  const deadline = Date.now() + 20_000
  for (;;) {
    if (exited) throw new Error(`server exited early (${JSON.stringify(exited)}); log: ${path.join(dir, 'server.log')}\n${fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000)}`)
    try {
      const r = await fetch(`${base}/api/health`)
      if (r.ok && (await r.json()).status === 'ok') break
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer /api/health within 20 s; log: ${path.join(dir, 'server.log')}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    base,
    dir,
    db,
    /** stop({ keepDir: true }) leaves the data dir for startServer({ dataDir }). */
    async stop({ keepDir = false } = {}) {
      if (!exited) {
        child.kill('SIGTERM')
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL')
            r()
          }, 5000)
          child.on('exit', () => {
            clearTimeout(t)
            r()
          })
        })
      }
      fs.closeSync(log)
      if (keepDir) return
      if (!process.env.E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true })
      else console.log(`kept ${dir}`)
    },
  }
}

/** A logged-in API client (cookie + CSRF), for preparing and checking data behind the browser's back. */
export async function apiClient(base, username, password) {
  const r = await fetch(`${base}/api/session/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!r.ok) throw new Error(`login ${username} failed: ${r.status} ${await r.text()}`)
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0]
  const { csrf_token: csrf, user } = await r.json()
  return clientOf(base, cookie, csrf, user)
}

/**
 * The same session on a restarted server (startServer({ dataDir })): sessions live in the database, only the
 * base URL changes. The browser needs nothing of this: its cookies are per host, not per port.
 */
export function rebindClient(client, base) {
  return clientOf(base, client.cookie, client.csrf, client.user)
}

function clientOf(base, cookie, csrf, user) {
  async function call(method, p, body) {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = text
    }
    return { status: res.status, json }
  }
  return { user, cookie, csrf, call, get: (p) => call('GET', p) }
}

export async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  })
  return {
    context,
    async close() {
      await context.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** A fresh page with no session (cookies cleared), collecting console errors. */
export async function freshPage(browser) {
  await browser.context.clearCookies()
  const page = await browser.context.newPage()
  page.setDefaultTimeout(10_000)
  page.errors = []
  page.on('pageerror', (e) => page.errors.push(String(e)))
  return page
}

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.waitForTimeout(350) // let transitions and charts settle
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/** Logs in through the login page. */
export async function login(page, base, username, password) {
  await page.goto(`${base}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('[data-test=login-submit]')
}

/** Picks an option of an Element Plus select (identified by a selector on the select) by its visible text. */
export async function pickOption(page, selectSelector, text) {
  await page.click(selectSelector)
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
  await item.click()
}

// GB 32100-2015 check character, to build valid and invalid credit codes.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
export function uscc(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i]
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31]
}
export function badUscc(first17) {
  const good = uscc(first17)
  const last = good[17]
  return first17 + (last === '0' ? '1' : '0')
}

/** A small valid PNG (w × h, one colour), built by hand: signature, IHDR, IDAT, IEND with their CRCs. */
export function png(w, h, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const x of buf) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, c])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [r, g, b]).flat())])
  const raw = Buffer.concat(Array.from({ length: h }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
