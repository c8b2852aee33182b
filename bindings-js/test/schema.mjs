/**
 * @module schema — the check that index.d.ts agrees with the core's option schema (`onejwt::host::TABLES`,
 * as a raw module's `schemaJson()` returns it): each table's interface declares exactly its camelCase
 * options, each with the schema's type and optionality, and `TokenService.fromEnv`'s documentation lists
 * exactly the schema's environment variables. index.d.ts is read with the TypeScript compiler API, not
 * patterns. Used by schema.test.mjs (the napi module) and bindings-wasm/test/api.test.mjs (the WASM one).
 */

/** The public types, shared by both packages. */
export const TYPES = new URL('../src/index.d.ts', import.meta.url);

/** Each schema table and the interfaces of index.d.ts that declare it (every table has one). */
const INTERFACES = {
  verifier: ['VerifierOptions'],
  keyset: ['KeySetOptions'],
  call: ['VerifyCallOptions', 'RotateKeyOptions'],
  sign: ['SignOptions'],
  generate: ['GenerateOptions'],
  export: ['ExportOptions'],
  service: ['TokenServiceConfig'],
  service_jwks: ['JwksOptions'],
  access_token: ['AccessTokenOptions'],
  refresh: ['RefreshOptions'],
  extract: ['ExtractOptions'],
};

/** The TypeScript type of each schema type (host objects: by option, as the binding hands them over). */
const TS_TYPES = {
  string: 'string',
  strings: 'string[]',
  string_or_strings: 'string | string[]',
  seconds: 'number',
  count: 'number',
  bool: 'boolean',
  object: 'Record<string, unknown>',
  object_or_text: 'object | string',
  time: 'number | Date',
};
const HOST_OBJECTS = { key: 'Key', keys: 'KeySet', store: 'SessionStore' };

/**
 * What the shared JS layer converts before the core sees an option, beside the schema's type: a Node
 * `KeyObject` given as a `Verifier`'s `key` becomes a `Key`, and a `Key` or `KeyObject` given as a
 * `TokenService`'s `privateKey` / `publicKey` its PEM text (surface.mjs).
 */
const CONVERTED = {
  'VerifierOptions.key': ['KeyObjectLike'],
  'TokenServiceConfig.privateKey': ['Key', 'KeyObjectLike'],
  'TokenServiceConfig.publicKey': ['Key', 'KeyObjectLike'],
};

/** A type's text with its union members sorted, so `string | string[]` equals `string[] | string`. */
function normal(type) {
  return type
    .split('|')
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .sort()
    .join(' | ');
}

/**
 * The interfaces and classes of index.d.ts, by name: each member's type text and optionality (an
 * overloaded method: its last signature's, with the documentation of every signature).
 */
function declarations(ts, text) {
  const source = ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.Latest, true);
  const out = new Map();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) && !ts.isClassDeclaration(statement)) continue;
    const members = new Map();
    for (const member of statement.members) {
      if (!member.name || !ts.isIdentifier(member.name)) continue;
      const docs = ts.getJSDocCommentsAndTags(member).map((doc) => doc.getText(source));
      members.set(member.name.text, {
        type: member.type ? normal(member.type.getText(source)) : null,
        optional: member.questionToken !== undefined,
        docs: [members.get(member.name.text)?.docs, ...docs].filter(Boolean).join('\n'),
      });
    }
    out.set(statement.name.text, members);
  }
  return out;
}

/**
 * Every disagreement between index.d.ts's text and the schema, one line each.
 *
 * @param {object} ts the `typescript` module
 * @param {string} text index.d.ts
 * @param {object} schema the parsed `schemaJson()`
 * @returns {string[]}
 */
export function disagreements(ts, text, schema) {
  const declared = declarations(ts, text);
  const problems = [];
  for (const table of Object.keys(schema)) {
    if (!(table in INTERFACES)) problems.push(`the "${table}" table has no interface in schema.mjs's INTERFACES`);
  }
  const pairs = Object.entries(INTERFACES).flatMap(([table, names]) => names.map((name) => [table, name]));
  for (const [table, name] of pairs) {
    const members = declared.get(name);
    if (!members) {
      problems.push(`index.d.ts declares no interface ${name} (the "${table}" table)`);
      continue;
    }
    const options = schema[table]?.options ?? [];
    const names = options.map((option) => option.camel);
    for (const member of members.keys()) {
      if (!names.includes(member)) problems.push(`${name}.${member} is not an option of the "${table}" table`);
    }
    for (const option of options) {
      const member = members.get(option.camel);
      if (!member) {
        problems.push(`${name} lacks \`${option.camel}\` (${option.type}) of the "${table}" table`);
        continue;
      }
      const schemaType = option.type === 'host_object' ? HOST_OBJECTS[option.camel] : TS_TYPES[option.type];
      const converted = CONVERTED[`${name}.${option.camel}`];
      const want = schemaType === undefined || converted === undefined ? schemaType : [schemaType, ...converted].join(' | ');
      if (want === undefined) problems.push(`no TypeScript type is known for ${option.camel} (${option.type})`);
      else if (member.type !== normal(want)) problems.push(`${name}.${option.camel} is \`${member.type}\`, the schema says ${option.type} (\`${want}\`)`);
      if (member.optional === option.required) {
        problems.push(`${name}.${option.camel} is ${member.optional ? 'optional' : 'required'}, the schema says the opposite`);
      }
    }
  }
  // `TokenService` is a value of type `TokenServiceConstructor`, whose `fromEnv` documents the variables.
  const fromEnv = declared.get('TokenServiceConstructor')?.get('fromEnv');
  const documented = new Set(fromEnv?.docs.match(/\bJWT_[A-Z_]+/g) ?? []);
  const env = new Set(schema.service.options.map((option) => option.env).filter(Boolean));
  for (const name of env) if (!documented.has(name)) problems.push(`TokenService.fromEnv's documentation lacks ${name}`);
  for (const name of documented) if (!env.has(name)) problems.push(`TokenService.fromEnv documents ${name}, which the schema does not read`);
  return problems;
}

