import { AppError } from '../../shared/errors.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const importErrors = {
  notFound: (id: string) => new AppError('import_not_found', 404, `import ${id} not found / 未找到导入任务`, [{ path: 'id', message: 'not found' }]),
  emptyFile: () => bad('(body)', 'the file is empty or has no header row', '文件为空或没有表头'),
  unreadable: (why: string) => bad('(body)', `the file cannot be read: ${why}`, `无法读取文件：${why}`),
  unmapped: (field: string) => bad(`mapping.${field}`, 'required field not mapped to a column', '必填字段未对应到列'),
  noSuchField: (field: string) => bad(`mapping.${field.slice(0, 60)}`, 'no such field for this kind of import', '此类导入没有该字段'),
  noSuchColumn: (field: string, column: string) => bad(`mapping.${field}`, `the file has no column ${column}`, `文件中没有列 ${column}`),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  notValidated: (status: string) => new AppError('illegal_step', 409, `The import is ${status}: run it after a dry run with valid rows / 导入状态为 ${status}：须先试运行且有有效行`, { status }),
  busy: (status: string) => new AppError('illegal_step', 409, `The import is ${status}; wait until it finishes / 导入正在进行（${status}），请等待完成`, { status }),
};
