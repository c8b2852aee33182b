/** @module key-lifecycle.test — key generation, export, ecosystem keys and rotation through `onejwt` (the shared suite). */

import * as onejwt from 'onejwt';

import { keyLifecycleSuite } from '../../bindings-js/test/key-lifecycle-suite.mjs';

keyLifecycleSuite(onejwt);
