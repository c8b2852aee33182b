/**
 * @module service-node — the Node step of the service demo: a verify-only `TokenService` of the
 * `onejwt` package, whose revocation store is the shared file, checks Python's token `before` or
 * `after` the revocation and writes target/demo/service/node.<phase>.txt.
 */
import { JwtError, TokenService } from '../bindings-node/js/index.mjs';
import { JsonFileRevocationStore } from './revocation-file.mjs';
import { NOW, REVOCATIONS, phaseArgument, readToken, report, verdictLine, verifyConfig } from './service-shared.mjs';

const phase = phaseArgument();
const service = new TokenService({ ...verifyConfig(), revocationStore: new JsonFileRevocationStore(REVOCATIONS) });

let outcome;
try {
  outcome = { claims: service.verify(readToken(), 'access', { now: NOW }) };
} catch (e) {
  if (!(e instanceof JwtError)) throw e;
  outcome = { code: e.code };
}
report('node', phase, verdictLine(outcome));
