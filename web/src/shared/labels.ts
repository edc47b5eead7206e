import type { ManagementMode, OwnersOrg, Role } from './types'

export const PLATFORM_NAME = '美好家园 小区治理平台'
export const CAMPAIGN = '擦亮“红色管家”品牌 选树“美好家园”小区'

export const ROLE_LABELS: Record<Role, string> = {
  city_admin: '市级管理员',
  county_admin: '县（市、区）管理员',
  street_staff: '街道（镇）工作人员',
  applicant: '申报单位（红色管家）',
  evaluator: '评审专家',
  auditor: '审计员',
  assessor: '第三方评估机构',
}

export const MODE_LABELS: Record<ManagementMode, string> = {
  professional: '专业化物业管理',
  self: '业主自行管理',
  none: '无物业管理',
}

export const OWNERS_ORG_LABELS: Record<OwnersOrg, string> = {
  owners_committee: '业主委员会',
  management_committee: '物业管理委员会',
  none: '无',
}

export const LEVEL_LABELS: Record<string, string> = {
  city: '市',
  county: '县（市、区）',
  town: '镇（街道）',
  estate: '小区',
}

export function options<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))
}

/** Roles that may create, edit and delete estates. */
export const ESTATE_WRITERS: Role[] = ['city_admin', 'county_admin']

/** Formats an ISO timestamp in Asia/Shanghai local time as "2026-11-29 14:00:00". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  const hour = get('hour') === '24' ? '00' : get('hour')
  return `${get('year')}-${get('month')}-${get('day')} ${hour}:${get('minute')}:${get('second')}`
}

export const UNIT_TYPE_LABELS: Record<string, string> = {
  street_office: '街道办/镇政府',
  enforcement: '执法部门',
  water: '供水',
  power: '供电',
  gas: '燃气',
  other: '其他',
}

export const TASK_STATUS_LABELS: Record<string, string> = {
  todo: '未开始',
  doing: '推进中',
  done: '已完成',
}
