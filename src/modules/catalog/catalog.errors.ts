import { AppError } from '../../shared/errors.js';

export const catalogErrors = {
  duplicateCode: (path: string, value: string) => new AppError('duplicate_code', 409, `${path}: "${value}" already exists / 编码已存在`, [{ path, message: 'already exists' }]),
};
