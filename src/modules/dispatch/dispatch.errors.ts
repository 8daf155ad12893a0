import { AppError } from '../../shared/errors.js';
import type { ProviderVerdict } from './dispatch.rules.js';

export const dispatchErrors = {
  noProvider: (ranked: ProviderVerdict[], what: string) =>
    new AppError('no_provider', 422, `No provider can take ${what} / 没有可承接的服务商`, { providers: ranked.map((v) => ({ providerId: v.providerId, code: v.code, reasons: v.reasons })) }),
  travelUnavailable: (err: Error) => new AppError('travel_unavailable', 409, `${err.message} / 路网距离服务不可用`, { reason: err.message }),
};
