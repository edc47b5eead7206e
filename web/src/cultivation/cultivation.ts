// 培育: the types of the cultivation API (the lists of estates to cultivate, their tasks and progress notes).

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
