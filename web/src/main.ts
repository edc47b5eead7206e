// Entry: the public survey page (/survey, /survey/:code) loads only Vue and its own page;
// everything else loads the staff application with Element Plus.
if (/^\/survey(\/|$)/.test(window.location.pathname)) {
  import('./survey-main')
} else {
  import('./app-main')
}
