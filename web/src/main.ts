// Entry: the public survey page (/survey, /survey/:code) and the public lists (/gongshi…) load only Vue and
// their own pages; everything else loads the staff application with Element Plus.
if (/^\/survey(\/|$)/.test(window.location.pathname)) {
  import('./survey/survey-main')
} else if (/^\/gongshi(\/|$)/.test(window.location.pathname)) {
  import('./selection/public-main')
} else {
  import('./app-main')
}
