// Types mirroring docs/api-contract.md (v1).

export type Role = 'city_admin' | 'county_admin' | 'street_staff' | 'applicant' | 'evaluator' | 'auditor'

export interface Scope {
  code: string
  name: string
  level: string
}

export interface User {
  id: number | string
  username: string
  display_name: string
  role: Role
  scope: Scope
  must_change_password: boolean
  disabled: boolean
  last_login_at: string | null
}

export interface SessionAnswer {
  user: User
  csrf_token: string
}

export interface DivisionNode {
  code: string
  name: string
  level: 'city' | 'county' | 'town'
  estate_count: number
  children?: DivisionNode[]
}

export interface DivisionsAnswer {
  tree: DivisionNode
  path?: { code: string; name: string }[]
}

export type ManagementMode = 'professional' | 'self' | 'none'
export type OwnersOrg = 'owners_committee' | 'management_committee' | 'none'

export interface Estate {
  code: string
  name: string
  county_code: string
  county_name: string
  town_code: string
  town_name: string
  community: string
  address: string
  households: number
  management_mode: ManagementMode
  company_name: string
  company_uscc: string
  owners_org: OwnersOrg
  party_org: boolean
  demonstration: boolean
  version: number
  updated_at: string
}

export interface Page<T> {
  items: T[]
  total: number
  page?: number
  page_size?: number
}

export interface Stats {
  by_county: { code: string; name: string; count: number; managed: number }[]
  by_mode: { mode: ManagementMode; label: string; count: number }[]
  total: number
}

export interface Problem {
  row: number
  column: string
  value: string
  message_zh: string
  message_en: string
  suggestion?: string
}

export interface ImportResult {
  dry_run: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
}

export interface AuditRecord {
  id: number
  at: string
  username: string
  action: string
  object: string
  before: unknown
  after: unknown
  client: string
  result: string
  hash: string
}

export interface ApiErrorBody {
  code: string
  message_zh: string
  message_en: string
  field?: string
}

// ---- Campaigns (issue #3) ----

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

export interface RankingRow {
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  town_name: string
  households: number
  managed: boolean
  satisfaction_sample: number
  satisfaction_index: string | null
  satisfaction_rank: number | null
  complaint_count: number
  complaint_rate: string
  complaint_rank: number | null
  top_satisfaction: boolean
  bottom_complaints: boolean
  demonstration: boolean
  cultivation: boolean
}

export interface RankingCut {
  county_code: string
  county_name: string
  satisfaction_n: number
  satisfaction_k: number
  complaint_n: number
  complaint_k: number
}

export interface RankingsAnswer {
  rows: RankingRow[]
  cuts: RankingCut[]
}

export interface EstateFigures {
  estate_code: string
  estate_name: string
  households: number
  managed: boolean
  /** the assessment window: `from` inclusive, `to` exclusive (the reference date) */
  window: { from: string; to: string }
  fee_year: number
  survey: {
    responses: number
    points: number
    codes: { issued: number; used: number; void: number }
    dimensions: { key: string; zh: string; mean: string | null }[]
  }
  third_party: { surveyed_on: string; surveyor: string; sample: number; score: string }[]
  satisfaction: { sample: number; index: string | null; ranked: boolean; min_sample: number; rank: number | null }
  complaints: { count: number; rate: string; rank: number | null }
  fees: { rows: number; due_yuan: string; collected_yuan: string; rate: string } | null
  penalties: { decision_no: string; decided_on: string; company_name: string }[]
  flags: { top_satisfaction: boolean; bottom_complaints: boolean; demonstration: boolean; cultivation: boolean }
}

export interface CodeCounts {
  issued: number
  used: number
  void: number
  responses?: number
  /** responses typed in from paper questionnaires */
  paper?: number
}

export interface PaperResponseAnswer {
  estate_code: string
  estate_name: string
  received_at: string
}

// ---- Cultivation (培育) ----

export type UnitType = 'street_office' | 'enforcement' | 'water' | 'power' | 'gas' | 'other'
export type TaskStatus = 'todo' | 'doing' | 'done'

export interface CultivationEntry {
  estate_code: string
  estate_name: string
  town_code: string
  town_name: string
  households: number
  source: 'rules' | 'added'
  reason: string
  satisfaction_sample: number
  satisfaction_index: string | null
  satisfaction_rank: number | null
  complaint_count: number
  complaint_rate: string
  complaint_rank: number | null
  top_satisfaction: boolean
  bottom_complaints: boolean
  demonstration: boolean
  listed_at: string | null
  tasks_total?: number
  tasks_done?: number
  tasks_overdue?: number
}

export interface CultivationList {
  year: number
  county_code: string
  county_name: string
  status: 'proposed' | 'confirmed'
  confirmed_at: string | null
  confirmed_by: string | null
  estates: CultivationEntry[]
}

export interface CultivationPhoto {
  id: number
  note_id: number
  original_name: string
  mime: string
  size: number
  sha256: string
  url: string
  uploaded_at: string
}

export interface CultivationNote {
  id: number
  task_id: number | null
  estate_code: string
  text: string
  author: string
  created_at: string
  photos: CultivationPhoto[]
}

export interface CultivationTask {
  id: number
  estate_code: string
  estate_name: string
  county_code: string
  unit_type: UnitType
  unit_type_zh: string
  unit_name: string
  title: string
  due_on: string
  status: TaskStatus
  overdue: boolean
  done_on: string | null
  late: boolean
  created_at: string
  created_by: string
  updated_at: string
  notes?: CultivationNote[]
  days_overdue?: number
}

export interface CultivationEstate {
  year: number
  entry: CultivationEntry
  county_code: string
  tasks: CultivationTask[]
  notes: CultivationNote[]
}

export interface CultivationOverviewCounty {
  county_code: string
  county_name: string
  confirmed: boolean
  listed: number
  estates_with_tasks: number
  tasks_total: number
  tasks_todo: number
  tasks_doing: number
  tasks_done: number
  tasks_overdue: number
  done_percent: number | null
}

export interface CultivationOverview {
  year: number
  today: string
  counties: CultivationOverviewCounty[]
  overdue: CultivationTask[]
}
