// The two checklists a new installation starts with (the migration audits_data inserts them; the
// int test checks the rows equal these): a home-visit standard and a GB/T 27922-style 100-point
// self-assessment in its three classes of indicators. A company edits them as data.
import { gbGrading, type TemplateContent } from './audits.rules.js';

const pf = (code: string, weight: number, textZh: string, textEn: string, criteriaZh: string, criteriaEn: string, more: object = {}) => ({ code, weight, textZh, textEn, criteriaZh, criteriaEn, evidence: 'pass_fail' as const, ...more });

export const homeVisitTemplate: { code: string; nameZh: string; nameEn: string; content: TemplateContent } = {
  code: 'HOME-VISIT',
  nameZh: '上门服务规范',
  nameEn: 'Home-visit standard',
  content: {
    grading: gbGrading,
    dueDays: 7,
    sections: [
      {
        code: 'arrival',
        nameZh: '到达',
        nameEn: 'Arrival',
        items: [
          pf('on_time', 10, '按约定时间到达', 'Arrived in the booked window', '在预约时段内到达，迟到提前致电', 'Inside the booked window, or called ahead when late', { fromFollowUp: { key: 'aspects.timeliness', failAtOrBelow: 2 } }),
          pf('id_shown', 10, '出示工作证', 'Showed the service ID', '进门前主动出示工作证', 'Showed the ID card before entering'),
          pf('uniform', 5, '统一着装', 'Wore the uniform', '工服整洁、佩戴工牌', 'Clean uniform with badge'),
          pf('shoe_covers', 10, '穿戴鞋套', 'Put on shoe covers', '进门前穿鞋套', 'Shoe covers on before entering'),
        ],
      },
      {
        code: 'conduct',
        nameZh: '服务行为',
        nameEn: 'Conduct',
        items: [
          pf('price_list_shown', 10, '出示收费标准', 'Showed the price list', '收费前出示价目表并说明', 'Showed and explained the price list before charging', { fromFollowUp: { key: 'aspects.priceTransparency', failAtOrBelow: 2 } }),
          pf('no_tips', 10, '不收小费、不吃请', 'Accepted no tips or gifts', '未接受任何小费、礼品或宴请（红线）', 'No tip, gift or meal accepted (a red line)', { critical: true }),
          pf('courteous', 5, '文明用语', 'Was courteous', '使用文明用语，不与客户争执', 'Polite, no argument with the customer', { fromFollowUp: { key: 'aspects.attitude|attitude', failAtOrBelow: 2 } }),
        ],
      },
      {
        code: 'work',
        nameZh: '作业',
        nameEn: 'Work',
        items: [
          pf('old_part_shown', 10, '向客户展示旧件', 'Showed the old part to the customer', '更换配件后向客户展示旧件', 'Showed the replaced part to the customer'),
          { code: 'test_run', weight: 10, textZh: '试机：进出风温差', textEn: 'Test run: air temperature difference', criteriaZh: '制冷运行 15 分钟后进出风温差 8–16 ℃', criteriaEn: 'In and out air differ by 8–16 °C after 15 minutes cooling', evidence: 'measured', target: 12, tolerance: 4, unit: '℃' },
          { code: 'work_photo', weight: 5, textZh: '完工照片', textEn: 'Photo of the finished work', criteriaZh: '拍摄完工照片', criteriaEn: 'A photo of the finished work', evidence: 'photo' },
        ],
      },
      {
        code: 'departure',
        nameZh: '离开',
        nameEn: 'Departure',
        items: [
          pf('site_cleaned', 10, '清理现场', 'Cleaned the site', '清理作业垃圾，恢复原样', 'Work debris removed, the place as it was', { fromFollowUp: { key: 'aspects.tidiness', failAtOrBelow: 2 } }),
          pf('usage_explained', 5, '讲解使用与保养', 'Explained use and care', '讲解使用方法与保养注意事项', 'Explained how to use and care for the unit'),
        ],
      },
    ],
  },
};

export const selfAssessmentTemplate: { code: string; nameZh: string; nameEn: string; content: TemplateContent } = {
  code: 'GBT27922',
  nameZh: '售后服务评价自评（GB/T 27922 式，百分制）',
  nameEn: 'After-sales service self-assessment (GB/T 27922-style, 100 points)',
  content: {
    grading: gbGrading,
    dueDays: 30,
    sections: [
      {
        code: 'system',
        nameZh: '售后服务体系',
        nameEn: 'The after-sales system',
        indicatorClass: 'system',
        items: [
          pf('organisation', 10, '服务组织与职责', 'Service organisation and duties', '设有售后服务部门，职责明确', 'An after-sales department with clear duties'),
          pf('management', 10, '服务管理制度', 'Service management rules', '服务规范、考核与持续改进制度齐全', 'Written service standards, appraisal and improvement'),
          pf('resources', 10, '服务资源', 'Service resources', '人员经培训认证，网点、备件、工具充足', 'Trained, certified staff; enough outlets, parts and tools'),
        ],
      },
      {
        code: 'goods',
        nameZh: '商品服务',
        nameEn: 'Service around the goods',
        indicatorClass: 'goods',
        items: [
          pf('delivery', 10, '配送', 'Delivery', '按承诺时间送达，完好无损', 'Delivered on the promised day, undamaged'),
          pf('installation', 10, '安装', 'Installation', '按规范安装调试，一次合格', 'Installed and commissioned to the standard, right first time'),
          pf('repair', 10, '维修', 'Repair', '响应、上门、修复均在承诺时限内', 'Response, arrival and fix inside the promises'),
          pf('returns', 10, '退换货（三包）', 'Returns and exchanges (三包)', '按三包规定及时处理', 'Handled per the 三包 rules, on time'),
        ],
      },
      {
        code: 'customer',
        nameZh: '客户服务',
        nameEn: 'Service to the customer',
        indicatorClass: 'customer',
        items: [
          pf('promises', 10, '服务承诺', 'Service promises', '公开服务承诺并兑现', 'Published promises, kept'),
          pf('complaints', 10, '投诉处理', 'Complaint handling', '投诉按时限处理并闭环', 'Complaints handled in time and closed with the customer'),
          pf('satisfaction', 10, '回访与满意度', 'Follow-up and satisfaction', '回访并测量满意度，结果用于改进', 'Follow-ups measure satisfaction; results drive improvement'),
        ],
      },
    ],
  },
};

export const seedTemplates = [homeVisitTemplate, selfAssessmentTemplate];
