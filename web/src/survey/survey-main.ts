// The public survey page as its own small app: no router, no Element Plus (opened from a QR code on a phone).
import { createApp } from 'vue'
import '../shared/light.css'
import SurveyPage from './SurveyPage.vue'

createApp(SurveyPage).mount('#app')
