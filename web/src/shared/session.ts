// The logged-in user and CSRF token, shared by every page.
import { reactive } from 'vue'
import type { Role, SessionAnswer, User } from './types'

export const session = reactive({
  loaded: false,
  user: null as User | null,
  csrf: '',
})

export function setSession(a: SessionAnswer | null): void {
  session.user = a ? a.user : null
  session.csrf = a ? a.csrf_token : ''
  session.loaded = true
}

export function hasRole(...roles: Role[]): boolean {
  return !!session.user && roles.includes(session.user.role)
}
