// 名单与公示 (staff): types mirroring GET /api/campaigns/{year}/selection, …/selection/overview and
// …/objections (src/http/handlers/selection.cc), and their labels.
import type { PhaseKey } from '../campaigns/campaign'

export type SelectionLevel = 'county' | 'city'
export type SelectionStatus = 'draft' | 'published' | 'final'
export type ObjectionStatus = 'open' | 'upheld' | 'dismissed'

export interface SelectionRow {
  application_id: number
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  town_code: string
  town_name: string
  applicant_name: string
  rank: number | null
  score: string | null
  satisfaction_index: string | null
  complaint_rate: string
  submitted_at: string
  assigned: number
  submitted: number
  evaluated: boolean
  eligible: boolean
  disagreement: boolean
  disagreement_reviewed: boolean
  proposed: boolean
  below_min_score: boolean
  listed: boolean
}

export interface SelectionEntry {
  application_id: number
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  town_name: string
  applicant_name: string
  position: number
  rank: number | null
  score: string
  source: 'rules' | 'added'
  reason: string
  status: 'listed' | 'removed'
}

export interface SelectionChange {
  application_id: number
  estate_code: string
  estate_name: string
  change: 'add' | 'remove'
  reason: string
  changed_at: string
  changed_by: string
}

export interface SelectionBlocker {
  application_id: number
  estate_code: string
  estate_name: string
  code: 'not_evaluated' | 'disagreement_unreviewed' | string
  submitted: number
  required: number
}

export interface Objection {
  id: number
  year: number
  level: SelectionLevel
  unit_code: string
  application_id: number
  estate_code: string
  estate_name: string
  reason: string
  name: string
  phone: string
  phone_masked: boolean
  filed_at: string
  status: ObjectionStatus
  answer: string
  handled_at: string | null
  handled_by: string | null
}

export interface Selection {
  year: number
  level: SelectionLevel
  unit_code: string
  unit_name: string
  quota: {
    quota: number
    managed_estates: number
    percent: number
    target: number | null
    city_target: number | null
    min_score: number | null
    min_evaluators: number
  }
  status: SelectionStatus
  ranking: SelectionRow[]
  list: SelectionEntry[]
  listed: number
  changes: SelectionChange[]
  blockers: SelectionBlocker[]
  short: boolean
  explanation: string
  publicity: { first: string; last: string; days_left: number | null } | null
  published_at: string | null
  finalised_at: string | null
  objections: Objection[]
  can_manage: boolean
}

export interface CountySelectionSummary {
  county_code: string
  county_name: string
  managed_estates: number
  quota: number
  applications: number
  evaluated: number
  eligible: number
  listed: number
  status: SelectionStatus
  short: boolean
  explanation: string
  published_on: string | null
  late: boolean
}

export interface SelectionOverview {
  year: number
  deadline: string
  counties: CountySelectionSummary[]
}

export const SELECTION_LEVEL_ZH: Record<SelectionLevel, string> = { county: '县级', city: '市级' }

export const OBJECTION_STATUS_ZH: Record<ObjectionStatus, string> = {
  open: '待答复',
  upheld: '异议成立',
  dismissed: '异议不成立',
}

export const REASON_MIN = 2
export const REASON_MAX = 500
export const EXPLANATION_MIN = 10
export const EXPLANATION_MAX = 2000
export const ANSWER_MIN = 2
export const ANSWER_MAX = 2000

/** The status as a bureau says it: 拟定 → 公示中 → 公示期满（待定稿） → 已定稿. */
/** The tag type of a list's status: grey while a draft, orange while published, green once final. */
export function selectionStatusType(s: Pick<Selection, 'status'> | null): 'info' | 'warning' | 'success' {
  if (!s || s.status === 'draft') return 'info'
  return s.status === 'final' ? 'success' : 'warning'
}
export function selectionStatusZh(s: Pick<Selection, 'status' | 'publicity'>): string {
  if (s.status === 'final') return '已定稿'
  if (s.status === 'published') return s.publicity?.days_left != null ? '公示中' : '公示期满，待定稿'
  return '拟定（未公示）'
}
export function overviewStatusZh(status: SelectionStatus): string {
  return status === 'final' ? '已定稿' : status === 'published' ? '已公示' : '未公示'
}

export function blockerZh(b: SelectionBlocker): string {
  if (b.code === 'not_evaluated') return `评审未完成：已提交 ${b.submitted}/${b.required} 份评分，须至少 ${b.required} 名评审专家提交全部评分`
  if (b.code === 'disagreement_unreviewed') return '评审专家评分分歧较大（标准差超过设定值），须复核后方可确定名单'
  return b.code
}

/** The phases in which a level's draft may be changed and published, and in which objections are answered and the list finalised. */
export function phasesOf(level: SelectionLevel): { decide: PhaseKey[]; close: PhaseKey[] } {
  return level === 'county'
    ? { decide: ['county_review'], close: ['county_review', 'city_review'] }
    : { decide: ['city_review'], close: ['city_review', 'summary'] }
}

/** Code points, as the server counts. */
export function chars(s: string): number {
  return Array.from(s).length
}

/** The quota's computation in words: ⌈4% × 756⌉ = ⌈30.24⌉ = 31. */
export function quotaFormula(q: Selection['quota']): string {
  const exact = (q.percent * q.managed_estates) / 100
  const shown = Number.isInteger(exact) ? String(exact) : exact.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')
  return `⌈${q.percent}% × ${q.managed_estates}⌉ = ⌈${shown}⌉ = ${q.quota}`
}
