// 名单公示 (public lists, rules.md §8): types and helpers of the public pages /gongshi… — no login, no
// Element Plus (the pages are opened on phones). GET /api/public/campaigns/{year}/lists[/{level}/{unit}],
// POST …/{level}/{unit}/objections.

export type ListLevel = 'county' | 'city'

export interface PublicListHead {
  level: ListLevel
  unit_code: string
  unit_name: string
  status: 'published' | 'final'
  publicity: { first: string; last: string }
  in_publicity: boolean
  /** Days of publicity left counting today, by the server's date; null outside publicity. */
  days_left?: number | null
  count: number
}

export interface PublicListsAnswer {
  year: number
  lists: PublicListHead[]
}

/** GET /api/public/campaigns: the server's date and every campaign, latest first. */
export interface PublicCampaignsAnswer {
  today: string
  campaigns: { year: number; lists: number }[]
}

export interface PublicEntry {
  position: number
  estate_code: string
  estate_name: string
  town_name: string
  county_name: string
  applicant_name: string
  score: string
}

export interface PublicListAnswer extends PublicListHead {
  year: number
  entries: PublicEntry[]
}

export interface FiledObjection {
  id: number
  estate_code: string
  estate_name: string
  phone: string // masked
  filed_at: string
  status: string
}

export const LEVEL_ZH: Record<ListLevel, string> = { county: '县级', city: '市级' }
export const REASON_MAX = 2000
export const NAME_MAX = 50

/** 公示中 while objections are accepted; 已定稿 once final; else 公示期已结束 (published, not yet final). */
export function statusZh(h: Pick<PublicListHead, 'status' | 'in_publicity'>): string {
  if (h.status === 'final') return '已定稿'
  return h.in_publicity ? '公示中' : '公示期满'
}

export function windowZh(h: Pick<PublicListHead, 'publicity'>): string {
  return `公示期 ${h.publicity.first} 至 ${h.publicity.last}`
}

/** Today as YYYY-MM-DD in China (the browser's clock). */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

function dayNumber(d: string): number {
  const [y, m, day] = d.split('-').map(Number)
  return Math.round(Date.UTC(y, m - 1, day) / 86400000)
}

/**
 * Days of publicity left, today included: the server's count when it gives one; otherwise by the browser's
 * clock, only when the server says the list is in publicity and the browser's date falls inside the window.
 */
export function daysLeft(
  h: Pick<PublicListHead, 'publicity' | 'in_publicity' | 'days_left'>,
  today = todayInChina(),
): number | null {
  if (!h.in_publicity) return null
  if (typeof h.days_left === 'number') return h.days_left
  const t = dayNumber(today)
  const first = dayNumber(h.publicity.first)
  const last = dayNumber(h.publicity.last)
  if (Number.isNaN(t) || t < first || t > last) return null
  return last - t + 1
}

/** Code points, as the server counts the reason. */
export function charCount(s: string): number {
  return Array.from(s).length
}

export function listPath(year: number, level: string, unit: string): string {
  return `/gongshi/${year}/${encodeURIComponent(level)}/${encodeURIComponent(unit)}`
}

/** /gongshi, /gongshi/2023, /gongshi/2023/county/440703 → what the page shows. */
export function parsePath(pathname: string): { year: number | null; level: string; unit: string } {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean)
  // parts[0] === 'gongshi'
  const year = parts[1] && /^\d{4}$/.test(parts[1]) ? Number(parts[1]) : null
  const dec = (s: string | undefined) => {
    if (!s) return ''
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  }
  return { year, level: year ? dec(parts[2]) : '', unit: year ? dec(parts[3]) : '' }
}

export interface PublicError {
  status: number
  code: string
  zh: string
  field?: string
  retryAfter?: number
}

export class PublicFetchError extends Error {
  constructor(public info: PublicError) {
    super(info.zh)
  }
}

/** Fetches JSON from the public API; throws PublicFetchError with the server's message_zh and field. */
export async function publicApi<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      credentials: 'omit',
    })
  } catch {
    throw new PublicFetchError({ status: 0, code: 'network', zh: '网络连接失败，请检查网络后重试' })
  }
  if (res.ok) return (await res.json()) as T
  let j: any = null
  try {
    j = await res.json()
  } catch {
    j = null
  }
  const ra = Number(res.headers.get('Retry-After'))
  throw new PublicFetchError({
    status: res.status,
    code: j?.error?.code || `http.${res.status}`,
    zh: j?.error?.message_zh || (res.status >= 500 ? `服务暂时不可用（${res.status}），请稍后重试` : `请求失败（${res.status}）`),
    field: j?.error?.field || undefined,
    retryAfter: Number.isFinite(ra) && ra > 0 ? ra : undefined,
  })
}

/** "3 分 20 秒" / "45 秒" from seconds. */
export function waitZh(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  if (!m) return `${s} 秒`
  return s ? `${m} 分 ${s} 秒` : `${m} 分钟`
}

/** Formats an ISO timestamp in China time as "2023-09-20 14:05". */
export function formatTimeZh(iso: string): string {
  const d = new Date(iso)
  if (!iso || Number.isNaN(d.getTime())) return iso || ''
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  const hour = get('hour') === '24' ? '00' : get('hour')
  return `${get('year')}-${get('month')}-${get('day')} ${hour}:${get('minute')}`
}
