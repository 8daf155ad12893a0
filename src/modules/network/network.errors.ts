import { AppError } from '../../shared/errors.js';

export const networkErrors = {
  staleVersion: (what: string, current: number) =>
    new AppError('version_conflict', 409, `Someone else changed this ${what}; reload and try again / 已被他人修改，请刷新后重试`, { currentVersion: current }),
  duplicateCode: (code: string) => new AppError('duplicate_code', 409, `code: "${code}" already exists / 编码已存在`, [{ path: 'code', message: 'already exists' }]),
};
