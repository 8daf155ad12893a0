// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  portal: {
    brand: '售后服务 · 我的服务', signIn: '登录我的服务', signInIntro: '我们会向您的手机发送一次性验证码。', phone: '手机号',
    sendCode: '发送验证码', codeSent: '如果该号码已登记，验证码将以短信发送。', code: '短信验证码', signInSubmit: '登录',
    otherPhone: '换一个号码', staffLink: '员工登录', hello: '您好，{{name}}', orders: '我的服务单', noOrders: '暂无服务单。',
    requestService: '申请服务', requestSubmit: '提交申请', symptom: '遇到了什么问题？', units: '我的家电', noUnits: '尚未登记家电。',
    registerUnit: '登记家电', registerSubmit: '登记', back: '← 我的服务', arrival: '师傅上门时间', notBooked: '尚未预约',
    technician: '师傅', technicianAssigned: '已指派', technicianNotYet: '尚未指派', plannedAround: '预计 {{time}} 左右', confirmTitle: '确认服务完成',
    confirmIntro: '对服务满意后，请输入短信收到的验收码。', acceptanceCode: '验收码', confirmSubmit: '确认',
    change: {
      title: '改约上门时间', cancelTitle: '取消服务申请', choose: '师傅可上门的时段',
      rules: '{{until}} 前可在线改约或取消；还可改约 {{count}} 次。', left: '还可改约 {{count}} 次。',
      closed: '已不能在线改约，请致电客服。', none: '未来一周没有其他空闲时段，请致电客服。',
      submit: '改到这个时段', cancel: '取消本次服务', cancelReason: '取消原因', cancelSubmit: '确认取消',
    },
  },
};
