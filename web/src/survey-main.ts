// The public survey page as its own small app: no router, no Element Plus (opened from a QR code on a phone).
import { createApp } from 'vue'
import './light.css'
import SurveyPage from './views/SurveyPage.vue'

createApp(SurveyPage).mount('#app')
