// Amazon's APL linter, apl-suggester, over documents and their datasources, offline.
//
// stdin:  [{"name": "...", "document": {...}, "datasources": {...}}, ...]
// stdout: [{"name": "...", "findings": [{"source", "level", "path", "message"}, ...]}, ...]
//
// Findings come from three places in apl-suggester: what validate() and validateDataSources()
// return (schema warnings), the validation errors it reports through its ErrorController (an
// unknown component type, an unresolvable import), and anything it prints while validating.
// Exit code 0 whenever the validator ran; findings are for the caller to judge.
//
// `node validate.js --types` prints instead the component and command types apl-suggester
// knows for APL 2023.3: {"components": [...], "commands": [...]}.
'use strict';

const suggester = require('apl-suggester');

// apl-suggester prints this for every component whose parent is not a Container, Sequence or
// GridSequence (mainTemplate, Frame, TouchWrapper, ScrollView...): only those three have a schema
// for child properties such as `spacing` (PrimitiveComponentJsonSchemaUtil.getMixinJsonSchema).
// It says nothing about the document, and Amazon's own sample templates print it too.
const VALIDATOR_NOISE = /^No mixin for component : \w+$/;

async function validateOne(validator, reported, item) {
  const findings = [];
  const printed = [];
  const print = (...args) => printed.push(args.map(String).join(' '));
  const saved = { warn: console.warn, log: console.log, error: console.error };
  console.warn = console.log = console.error = print;
  reported.length = 0;
  try {
    for (const info of await validator.validate(item.document)) {
      findings.push({ source: 'validate', level: info.level, path: info.path, message: info.errorMessage });
    }
    for (const info of await validator.validateDataSources(item.datasources || {})) {
      findings.push({ source: 'datasources', level: info.level, path: info.path, message: info.errorMessage });
    }
  } finally {
    Object.assign(console, saved);
  }
  for (const error of reported) {
    const where = (error.placeholders && error.placeholders.path) || '/';
    findings.push({
      source: 'errorController',
      level: error.level,
      path: where,
      message: `code ${error.code}: ${JSON.stringify(error.placeholders || {})}`,
    });
  }
  for (const line of printed) {
    if (!VALIDATOR_NOISE.test(line)) {
      findings.push({ source: 'console', level: 'WARNING', path: '/', message: line });
    }
  }
  return { name: item.name, findings };
}

function knownTypes() {
  const { PrimitiveComponentJsonSchemaUtil } = require('apl-suggester/dist/src/util/PrimitiveComponentJsonSchemaUtil');
  const { CommandSchemaValidator } = require('apl-suggester/dist/src/CommandSchemaValidator');
  return {
    components: PrimitiveComponentJsonSchemaUtil.getPrimitiveComponentTypes('2023.3'),
    commands: Array.from(CommandSchemaValidator.COMMAND_TYPE_TO_JSON_SCHEMA.keys()),
  };
}

async function main() {
  if (process.argv.includes('--types')) {
    process.stdout.write(JSON.stringify(knownTypes()));
    return;
  }
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const reported = [];
  const controller = suggester.ErrorController.getInstance();
  controller.registerErrors();
  controller.setErrorInterface({ sendError: (error) => reported.push(JSON.parse(JSON.stringify(error))) });
  const validator = new suggester.StaticAplTemplateValidator();
  const results = [];
  for (const item of input) {
    // One at a time: the validator keeps state in singletons between calls.
    controller.clearExistingWarn();
    results.push(await validateOne(validator, reported, item));
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`validate.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(2);
});
