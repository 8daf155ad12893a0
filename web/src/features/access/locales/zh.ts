// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  signIn: { title: '登录', username: '用户名', password: '密码', submit: '登录', customerLink: '客户？用手机号登录' },
  invitation: {
    title: '设置密码', intro: '服务商已为您开通账号。请设置密码完成开通；此链接仅可使用一次。', password: '新密码',
    passwordHint: '至少 10 个字符，不得包含用户名', again: '再次输入密码', mismatch: '两次输入的密码不一致', submit: '设置密码并登录',
    loginTitle: '登录账号', loginIntro: '通过短信向师傅发送一次性链接以设置密码。若已有账号，新链接将取代旧链接。',
    username: '用户名', usernameHint: '留空则为 t 加手机号', send: '短信发送账号邀请',
    sentNew: '已开通账号 {{username}}，邀请短信正发往 {{phone}}。', sentAgain: '{{username}} 的新邀请短信正发往 {{phone}}。',
  },
  audit: {
    title: '审计日志', action: '操作', actionHint: '例如 POST /work-orders/{id}/dispatch 或 sign_in', subjectKind: '对象类型', subjectId: '对象编号',
    actorKind: '操作者类型', outcome: '结果', from: '开始', to: '结束', any: '不限', ok: '成功', refused: '被拒绝', search: '查询', none: '没有符合条件的记录。',
    count: '共 {{count}} 条', at: '时间', who: '操作者', subject: '对象', address: '地址',
    actor: { staff: '员工', customer: '客户', token: '接口令牌', system: '系统', anonymous: '匿名' },
  },
  users: {
    title: '用户与接口令牌', username: '用户名', name: '姓名', nameEn: '英文姓名', nameEnHint: '英文界面显示的姓名；留空则照原样显示', role: '角色', state: '状态', actions: '操作', active: '正常', inactive: '已停用',
    locked: '已锁定', deactivate: '停用', unlock: '解锁', new: '新建用户', password: '密码', provider: '所属', headquarters: '总部', create: '创建用户',
  },
  tokens: {
    title: '我的接口令牌', name: '令牌名称', hint: '供脚本使用的只读令牌', create: '创建令牌', once: '请立即复制，之后不再显示：',
    revoke: '吊销', revoked: '已吊销',
  },
};
