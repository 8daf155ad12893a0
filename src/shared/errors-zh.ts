// The Chinese of the field messages services write in English (`invalid(path, 'no such customer')`),
// so every 400 reads in both languages without each call site spelling both. A message that
// already carries Chinese ("… / 中文") is left as it is. test/error-languages.test.ts finds every
// literal message in src/ and fails when one has no Chinese here.

const exact: Record<string, string> = {
  'no such category': '产品类别不存在',
  'no such fault code': '故障代码不存在',
  'no such technician': '师傅不存在',
  'no such course': '课程不存在',
  'no such customer': '客户不存在',
  'no such provider': '服务商不存在',
  'no such model': '产品型号不存在',
  'no such product model': '产品型号不存在',
  'no such calendar': '日历不存在',
  'no such record': '所引用的记录不存在',
  'name the technician who takes the exam': '请指明参加考试的师傅',
  'a technician takes exams only as themself': '师傅只能以本人身份参加考试',
  'must be after from': '必须晚于开始时间',
  'must be a PNG data URL (data:image/png;base64,…)': '须为 PNG 图片的 data URL（data:image/png;base64,…）',
  'must be base64': '须为 base64 编码',
  'must be at most 100 KB': '不能超过 100 KB',
  'must be a PNG image': '须为 PNG 图片',
  'not an IANA time zone (e.g. Asia/Shanghai)': '不是有效的 IANA 时区（如 Asia/Shanghai）',
  'longer than the working time of the calendar in three years': '超过该日历三年内的全部工作时间',
  'no default calendar: name a calendar, or mark one as the default first': '没有默认日历：请指定日历，或先将某个日历设为默认',
  'recorded by the service desk, not in the portal': '由客服登记，客户自助不可填写',
  'already the owner': '已是该设备的所有人',
  'cannot be before purchaseDate': '不能早于购买日期',
  'must not be before contractFrom': '不能早于合同开始日期',
  'must not be before createdFrom': '不能早于创建开始日期',
  'the order is not dispatched to a provider yet': '该工单尚未派给服务商',
  'the order has no technician to take it from': '该工单没有可撤下的师傅',
  'name the technician': '请指明师傅',
  'the customer has no phone; give one': '该客户没有电话，请提供一个',
  "not one of the customer's addresses": '不是该客户的地址',
  'the customer has no address on record; give one': '该客户没有登记地址，请提供一个',
  'not a unit owned by this customer': '不是该客户名下的设备',
  'not an order of this customer': '不是该客户的工单',
  'complaints go through the service desk': '投诉请通过客服提交',
  'not a phone number': '不是有效的电话号码',
  "not a symptom code of this product's category": '不是该产品类别的故障现象代码',
  'provider is not active': '服务商已停用',
  'a reason is needed to dispatch again': '重新派单需填写原因',
  'not an active technician of the provider this order is dispatched to': '不是该工单所派服务商的在职师傅',
  'not a technician of the provider this order is dispatched to': '不是该工单所派服务商的师傅',
  'a reason is needed to reassign': '改派需填写原因',
  'cannot be in the future': '不能是将来的时间',
  'not a question of this paper': '不是本试卷的题目',
};

/** Messages with a value in them: the English pattern and how the Chinese reads. */
const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^technician is (\S+)$/, (m) => `师傅状态为 ${m[1]}，不可操作`],
  [/^cannot be before the current ownership began \((.+)\)$/, (m) => `不能早于当前所有权开始日期（${m[1]}）`],
  [/^no such category (.+)$/, (m) => `产品类别 ${m[1]} 不存在`],
  [/^not a cause under symptom (.+)$/, (m) => `不是故障现象 ${m[1]} 下的原因代码`],
  [/^not a remedy under cause (.+)$/, (m) => `不是故障原因 ${m[1]} 下的处理措施代码`],
  [/^does not match model (.+)'s serial pattern$/, (m) => `与型号 ${m[1]} 的序列号规则不符`],
  [/^line (\S+): the second field must be holiday or workday$/, (m) => `第 ${m[1]} 行：第二列须为 holiday 或 workday`],
];

const hasChinese = (s: string) => /\p{Script=Han}/u.test(s);

/** The Chinese of an English field message; null when it has none here (or is already bilingual). */
export function chineseOf(message: string): string | null {
  if (hasChinese(message)) return null;
  if (exact[message]) return exact[message];
  for (const [pattern, zh] of patterns) {
    const m = message.match(pattern);
    if (m) return zh(m);
  }
  return null;
}
