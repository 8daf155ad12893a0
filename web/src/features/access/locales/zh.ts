// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  signIn: { title: '登录', username: '用户名', password: '密码', submit: '登录', customerLink: '客户？用手机号登录' },
  audit: {
    title: '审计日志', action: '操作', actionHint: '例如 POST /work-orders/{id}/dispatch 或 sign_in', subjectKind: '对象类型', subjectId: '对象编号',
    actorKind: '操作者类型', outcome: '结果', from: '开始', to: '结束', any: '不限', ok: '成功', refused: '被拒绝', search: '查询', none: '没有符合条件的记录。',
    count: '共 {{count}} 条', at: '时间', who: '操作者', subject: '对象', address: '地址',
    actor: { staff: '员工', customer: '客户', token: '接口令牌', system: '系统', anonymous: '匿名' },
  },
  users: {
    title: '用户与接口令牌', username: '用户名', name: '姓名', role: '角色', state: '状态', actions: '操作', active: '正常', inactive: '已停用',
    locked: '已锁定', deactivate: '停用', unlock: '解锁', new: '新建用户', password: '密码', provider: '所属', headquarters: '总部', create: '创建用户',
  },
  tokens: {
    title: '我的接口令牌', name: '令牌名称', hint: '供脚本使用的只读令牌', create: '创建令牌', once: '请立即复制，之后不再显示：',
    revoke: '吊销', revoked: '已吊销',
  },
};
