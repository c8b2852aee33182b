/**
 * @module service-node — the Node step of the service demo: a verify-only `TokenService` of the
 * `onejwt` package, whose session store is the shared file, checks Python's token `before` or
 * `after` the revocation and writes target/demo/service/node.<phase>.txt.
 */
import { JwtError, TokenService } from '../bindings-node/js/index.mjs';
import { JsonFileRevocationStore } from './revocation-file.mjs';
import { NOW, REVOCATIONS, phaseArgument, readToken, report, verdictLine, verifyConfig } from './service-shared.mjs';

const phase = phaseArgument();
const service = new TokenService({ ...verifyConfig(), store: new JsonFileRevocationStore(REVOCATIONS) });

let outcome;
try {
  // With a store, the service answers in a Promise.
  outcome = { claims: await service.verify(readToken(), 'access', { now: NOW }) };
} catch (e) {
  if (!(e instanceof JwtError)) throw e;
  outcome = { code: e.code };
}
report('node', phase, verdictLine(outcome));
