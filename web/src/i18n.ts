import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { zh } from './locales/zh';
import { en } from './locales/en';

export const languages = [
  { code: 'zh', label: '中文' },
  { code: 'en', label: 'English' },
] as const;

// Chinese when the browser prefers it, English otherwise; a choice made in the console is kept.
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { zh: { translation: zh }, en: { translation: en } },
    supportedLngs: ['zh', 'en'],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'aftercare.lang', caches: ['localStorage'] },
    interpolation: { escapeValue: false },
  });

function setDocumentLanguage(lng: string) {
  document.documentElement.lang = lng.startsWith('zh') ? 'zh-CN' : 'en';
}
setDocumentLanguage(i18n.language ?? 'en');
i18n.on('languageChanged', setDocumentLanguage);

export default i18n;
