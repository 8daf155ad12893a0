import { AppError } from '../../shared/errors.js';

export const accessFailures = {
  /** The same answer for an unknown user, a wrong password and a deactivated account: nothing to enumerate. */
  signInFailed: () => new AppError('sign_in_failed', 401, 'Wrong username or password / 用户名或密码错误', []),
  locked: (retryAfterSeconds: number) =>
    new AppError('account_locked', 423, `Too many failed sign-ins; try again in ${retryAfterSeconds} s / 登录失败次数过多，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds }),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('rate_limited', 429, `Too many requests; try again in ${retryAfterSeconds} s / 请求过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds }),
  csrf: () =>
    new AppError('csrf_failed', 403, 'Missing or wrong x-csrf-token header; reload the page / 安全校验失败，请刷新页面后重试', [{ path: 'x-csrf-token', message: 'missing or wrong' }]),
  badCredential: () => new AppError('unauthenticated', 401, 'The session or token is not valid (expired, revoked or unknown) / 登录已失效，请重新登录', []),
  codeInvalid: () => new AppError('code_invalid', 401, 'The code is wrong or has expired / 验证码错误或已过期', []),
  linkInvalid: () => new AppError('link_invalid', 401, 'The link is invalid, expired or already used / 链接无效、已过期或已使用', []),
  usernameTaken: (username: string) =>
    new AppError('username_taken', 409, `Username ${username} is taken / 用户名已被占用`, [{ path: 'username', message: 'already taken' }]),
  badPassword: (reason: string) => new AppError('validation_failed', 400, `password: ${reason}`, [{ path: 'password', message: reason }]),
  badUsername: () =>
    new AppError('validation_failed', 400, 'username: 2–40 lowercase letters, digits, . _ - starting with a letter / 用户名须为 2–40 位小写字母、数字或 . _ -，以字母开头', [
      { path: 'username', message: 'not a valid username' },
    ]),
  badReference: (path: string, reason: string) => new AppError('validation_failed', 400, `${path}: ${reason}`, [{ path, message: reason }]),
  permissionsNotHeld: (missing: string[]) =>
    new AppError('validation_failed', 400, `permissions: the user does not hold ${missing.join(', ')} / 该用户没有这些权限`, missing.map((p) => ({ path: 'permissions', message: `not held: ${p}` }))),
  tokenViaToken: () => new AppError('forbidden', 403, 'Tokens are created from a signed-in session, not with another token / 不能用接口令牌创建令牌', {}),
  selfDeactivation: () => new AppError('cannot_deactivate_self', 409, 'You cannot deactivate your own account / 不能停用自己的账号', []),
  sessionRequired: () => new AppError('session_required', 403, 'Change a password from a signed-in session / 请在登录会话中修改密码', []),
  wrongCurrentPassword: () =>
    new AppError('validation_failed', 400, 'currentPassword: wrong password / 当前密码错误', [{ path: 'currentPassword', message: 'wrong password' }]),
  badNewPassword: (reason: string) => new AppError('validation_failed', 400, `newPassword: ${reason}`, [{ path: 'newPassword', message: reason }]),
  /** Whoever manages users must keep being able to, or nobody could undo the change. */
  adminKeepsUsersManage: () =>
    new AppError('validation_failed', 400, 'permissions: the admin role keeps users.manage / 管理员角色须保留用户管理权限', [
      { path: 'permissions', message: 'admin keeps users.manage' },
    ]),
};
