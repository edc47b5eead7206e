// The yearly campaign: phases, settings keys and the year the user is working on (shared by the campaign pages).
import { ref } from 'vue'
import { api, ApiError } from '../shared/api'

// ---- The types of the campaigns API (issue #3) ----

export type PhaseKey = 'mobilise' | 'cultivate' | 'apply' | 'county_review' | 'city_review' | 'summary'

export interface CampaignSetting {
  key: string
  value: string
  name_zh: string
}

export interface CampaignAnswer {
  year: number
  settings: CampaignSetting[]
}

export interface CampaignListItem {
  year: number
  open_phases: PhaseKey[]
}


export const PHASES: { key: PhaseKey; zh: string; allows: string }[] = [
  { key: 'mobilise', zh: '动员部署', allows: '各县（市、区）印发实施方案，细化选树参考标准' },
  { key: 'cultivate', zh: '培育打造', allows: '确定重点培育名单，落实培育任务，报送进展' },
  { key: 'apply', zh: '申报', allows: '申报单位填写、修改、提交申报材料' },
  { key: 'county_review', zh: '县级评价', allows: '县级评价、确定县级名单并公示' },
  { key: 'city_review', zh: '市级评价', allows: '对县级推荐小区开展市级评价' },
  { key: 'summary', zh: '总结推广', allows: '总结报告、市级名单、典型案例、通报表扬' },
]
export const PHASE_ZH: Record<PhaseKey, string> = Object.fromEntries(PHASES.map((p) => [p.key, p.zh])) as Record<PhaseKey, string>

/** The phase whose opening locks a setting (docs/decisions.md, domain/campaign.cc). */
export function lockPhaseOf(key: string): PhaseKey | null {
  const m = /^phases\.([a-z_]+)\./.exec(key)
  if (m) return m[1] as PhaseKey
  const table: Record<string, PhaseKey> = {
    reference_date: 'cultivate',
    fee_year: 'cultivate',
    complaint_scope: 'cultivate',
    'survey_window.from': 'cultivate',
    'survey_window.to': 'cultivate',
    top_percent: 'cultivate',
    bottom_percent: 'cultivate',
    min_sample_cap: 'cultivate',
    min_evaluators: 'apply',
    disagreement_stddev: 'apply',
    rubric: 'apply',
    quota_percent: 'county_review',
    min_score: 'county_review',
    publicity_days: 'county_review',
    'deadlines.county_list': 'county_review',
    city_target: 'city_review',
    'deadlines.county_report': 'summary',
    'deadlines.city_list': 'summary',
  }
  return table[key] || null
}

export const COMPLAINT_SCOPE_LABELS: Record<string, string> = {
  county: '县（市、区）内排名',
  city: '全市排名',
}

/** Today as YYYY-MM-DD in China (the browser's clock; the server's "today" wins where it is known). */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

export function settingsMap(a: CampaignAnswer): Record<string, string> {
  const m: Record<string, string> = {}
  for (const s of a.settings) m[s.key] = s.value
  return m
}

/** The last day a phase accepts actions: its end, or the reopened date when later. */
export function lastDay(s: Record<string, string>, p: PhaseKey): string {
  const to = s[`phases.${p}.to`] || ''
  const re = s[`phases.${p}.reopened_until`] || ''
  return re && re > to ? re : to
}

export function openPhasesOn(s: Record<string, string>, today: string): PhaseKey[] {
  return PHASES.filter((p) => (s[`phases.${p.key}.from`] || '9999') <= today && today <= lastDay(s, p.key)).map((p) => p.key)
}

/** YYYY-MM-DD shifted by whole years / days (plain calendar arithmetic in UTC). */
export function addYears(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number)
  const t = new Date(Date.UTC(y + n, m - 1, day))
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0) // 29 Feb → 28 Feb
  return t.toISOString().slice(0, 10)
}
export function addDays(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, day + n)).toISOString().slice(0, 10)
}

// ---- The year being worked on ----

const STORE = 'meihao.campaign_year'
export const campaignYear = ref<number | null>(Number(localStorage.getItem(STORE)) || null)
export function setCampaignYear(y: number): void {
  campaignYear.value = y
  localStorage.setItem(STORE, String(y))
}

/** The server's "today" (YYYY-MM-DD, China time; MEIHAO_TODAY in training), once GET /api/campaigns told it. */
export const serverToday = ref<string | null>(null)
/** The day phases and due dates are judged by: the server's when known, else the browser's date in China. */
export function effectiveToday(): string {
  return serverToday.value || todayInChina()
}

/** The campaigns with their open phases as the server judged them (GET /api/campaigns), once loaded. */
export const campaignList = ref<CampaignListItem[] | null>(null)
/**
 * Whether a phase of a year's campaign is open today by the server's list; true while unknown (the server
 * decides and refuses with phase.closed anyway) so that nothing is hidden by a guess.
 */
export function phaseOpen(year: number | null, phase: PhaseKey): boolean {
  const c = campaignList.value?.find((x) => x.year === year)
  return !c || c.open_phases.includes(phase)
}

/** The campaigns; when GET /api/campaigns is not there, probes this year and 2023. `fromList` tells which. */
export async function loadCampaigns(): Promise<{ items: CampaignListItem[]; fromList: boolean }> {
  try {
    const a = await api<{ today?: string; campaigns: CampaignListItem[] }>('GET', '/api/campaigns', { quiet: true })
    if (a.today && /^\d{4}-\d{2}-\d{2}$/.test(a.today)) serverToday.value = a.today
    const items = [...(a.campaigns || [])].sort((x, y) => y.year - x.year)
    campaignList.value = items
    return { items, fromList: true }
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 0)) throw e
  }
  const thisYear = Number(todayInChina().slice(0, 4))
  const years = [...new Set([campaignYear.value, thisYear, thisYear - 1, 2023].filter((y): y is number => !!y))]
  const items: CampaignListItem[] = []
  for (const y of years) {
    try {
      const a = await api<CampaignAnswer>('GET', `/api/campaigns/${y}`, { quiet: true })
      items.push({ year: y, open_phases: openPhasesOn(settingsMap(a), todayInChina()) })
    } catch {
      /* no campaign that year */
    }
  }
  items.sort((x, y) => y.year - x.year)
  return { items, fromList: false }
}

/** Picks the remembered year if it exists, else the newest campaign with an open phase, else the newest. */
export function pickYear(items: CampaignListItem[]): number | null {
  if (!items.length) return null
  if (campaignYear.value && items.some((c) => c.year === campaignYear.value)) return campaignYear.value
  const open = items.find((c) => c.open_phases.length)
  return (open || items[0]).year
}

// ---- The campaign's 前列/后列 percentages (top_percent, bottom_percent), for labels ----

export const percents = ref<{ year: number | null; top: number; bottom: number }>({ year: null, top: 5, bottom: 5 })
/** Loads a campaign's top/bottom percentages into `percents` (defaults 5 when the settings cannot be read). */
export async function loadPercents(year: number | null): Promise<void> {
  if (!year || percents.value.year === year) return
  try {
    const s = settingsMap(await api<CampaignAnswer>('GET', `/api/campaigns/${year}`, { quiet: true }))
    percents.value = { year, top: Number(s.top_percent) || 5, bottom: Number(s.bottom_percent) || 5 }
  } catch {
    percents.value = { year: null, top: 5, bottom: 5 }
  }
}
