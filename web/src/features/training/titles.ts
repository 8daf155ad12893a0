import { pick } from '../../shared/format';

export const titleOf = (x: { titleZh: string; titleEn: string }) => pick({ zh: x.titleZh, en: x.titleEn });
