// English for the training area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  training: {
    title: 'Training and certification', myCertifications: 'My certifications', noCertifications: 'No certifications yet: take an exam below.',
    valid: 'valid', expired: 'expired', revoked: 'revoked', expiresSoon: 'expires soon', validUntil: 'valid until {{date}}', courses: 'Courses and exams',
    noCourses: 'No courses yet.', grants: 'Grants {{code}} for {{months}} months', examRules: '{{questions}} questions, {{minutes}} minutes, pass at {{pass}}%',
    take: 'Take the exam', takeExam: 'Take the exam: {{title}}', results: 'My exam results', noResults: 'No exams taken yet.',
    outcome: { open: 'In progress', passed: 'Passed', failed: 'Not passed', late: 'Handed in late' }, score: '{{score}}% (pass mark {{pass}}%)',
    expiring: 'Running out within {{days}} days', noneExpiring: 'No certification runs out soon.', technicians: 'Technicians and their certifications',
    noTechnicians: 'No technicians.', technician: 'Technician', certifications: 'Certifications', none: 'none',
    manage: 'Courses, exams and questions', newCourse: 'New course', code: 'Code', category: 'Product category', certificationCode: 'Certification it grants',
    titleZh: 'Title (Chinese)', titleEn: 'Title (English)', validityMonths: 'Valid for (months)', createCourse: 'Add course', newExam: 'New exam', course: 'Course',
    questionsPerPaper: 'Questions per paper', timeLimit: 'Time limit (minutes)', passPercent: 'Pass mark (%)', createExam: 'Add exam', newQuestion: 'New question',
    exam: 'Exam', chooseExam: 'Choose the exam', inBank: 'questions: {{count}}', textZh: 'Question (Chinese)', textEn: 'Question (English)',
    option: 'Option {{n}}', optionZh: 'Chinese', optionEn: 'English', correct: 'Correct answer', addQuestion: 'Add question', saved: 'Saved.',
    back: '← Training', start: 'Start the paper', startIntro: 'A paper is drawn for you when you start; you have {{minutes}} minutes to hand it in.',
    paper: 'Exam paper', timeLeft: 'Time left: {{time}}', multiple: '(choose all that apply)', handIn: 'Hand in',
    certified: 'You are certified: {{code}}, valid until {{date}}.', retakeNote: 'You may try again after {{hours}} hours.',
  },
};
