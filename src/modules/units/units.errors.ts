import { AppError } from '../../shared/errors.js';

export const unitsErrors = {
  staleVersion: (current: number) =>
    new AppError('version_conflict', 409, 'Someone else changed this unit; reload and try again / 设备信息已被他人修改，请刷新后重试', { currentVersion: current }),
  duplicateSerial: (index: number, serial: string) =>
    new AppError('duplicate_serial', 409, `serials.${index}.serial: ${serial} is already registered / 序列号已登记`, [{ path: `serials.${index}.serial`, message: 'already registered to another unit' }]),
};
