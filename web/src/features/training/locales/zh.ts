// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  training: {
    title: '培训与认证', myCertifications: '我的认证', noCertifications: '还没有认证：请参加下面的考试。',
    valid: '有效', expired: '已过期', revoked: '已吊销', expiresSoon: '即将到期', validUntil: '有效期至 {{date}}', courses: '课程与考试',
    noCourses: '还没有课程。', grants: '通过后获得 {{code}}，有效 {{months}} 个月', examRules: '{{questions}} 道题，{{minutes}} 分钟，{{pass}}% 及格',
    take: '参加考试', takeExam: '参加考试：{{title}}', results: '我的考试成绩', noResults: '还没有参加过考试。',
    outcome: { open: '进行中', passed: '通过', failed: '未通过', late: '超时交卷' }, score: '{{score}}%（及格线 {{pass}}%）',
    expiring: '{{days}} 天内到期', noneExpiring: '近期没有到期的认证。', technicians: '师傅及其认证',
    noTechnicians: '没有师傅。', technician: '师傅', certifications: '认证', none: '无',
    manage: '课程、考试与题目', newCourse: '新增课程', code: '编码', category: '产品品类', certificationCode: '获得的认证',
    titleZh: '标题（中文）', titleEn: '标题（英文）', validityMonths: '有效期（月）', createCourse: '添加课程', newExam: '新增考试', course: '课程',
    questionsPerPaper: '每卷题数', timeLimit: '时限（分钟）', passPercent: '及格线（%）', createExam: '添加考试', newQuestion: '新增题目',
    exam: '考试', chooseExam: '请选择考试', inBank: '{{count}} 道题', textZh: '题目（中文）', textEn: '题目（英文）',
    option: '选项 {{n}}', optionZh: '中文', optionEn: '英文', correct: '正确答案', addQuestion: '添加题目', saved: '已保存。',
    back: '← 培训', start: '开始答卷', startIntro: '开始时为你随机抽题；你有 {{minutes}} 分钟交卷。',
    paper: '试卷', timeLeft: '剩余时间：{{time}}', multiple: '（多选）', handIn: '交卷',
    certified: '认证已获得：{{code}}，有效期至 {{date}}。', retakeNote: '{{hours}} 小时后可以重考。',
  },
};
