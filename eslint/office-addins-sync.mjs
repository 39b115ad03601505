// eslint-plugin-office-addins, taught the add-in's sync wrapper. Its rules know a sync only as a literal
// `context.sync()`; src/excel/office-host.ts syncs through `await sync(context)` (which counts the syncs
// for `npm run bench`), so every read after such a sync looked unsynced to them. This plugin runs the
// same rules, under the same names (`office-addins/…`), while each call `sync(context)` is presented to
// them as `context.sync()`: the identifier `context` gets, for the length of the rule's own analysis, a
// parent that is the member expression `context.sync` of that call. Nothing else of the tree changes.
import officeAddins from 'eslint-plugin-office-addins';

/** Every `sync(context)` call in the program (any depth). */
function wrapperCalls(program, visitorKeys) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'Identifier' &&
      node.callee.name === 'sync' &&
      node.arguments.length === 1 &&
      node.arguments[0].type === 'Identifier' &&
      node.arguments[0].name === 'context'
    ) {
      found.push(node);
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(program);
  return found;
}

/** Runs `handler` while each `sync(context)` looks like `context.sync()` to it. */
function asContextSync(program, visitorKeys, handler) {
  const patched = wrapperCalls(program, visitorKeys).map((call) => {
    const id = call.arguments[0];
    const original = id.parent;
    id.parent = {
      type: 'MemberExpression',
      object: id,
      property: { type: 'Identifier', name: 'sync' },
      computed: false,
      parent: call,
    };
    return () => (id.parent = original);
  });
  try {
    handler();
  } finally {
    patched.forEach((restore) => restore());
  }
}

function wrapRule(rule) {
  return {
    ...rule,
    create(context) {
      const listeners = rule.create(context);
      const program = listeners.Program;
      if (!program) return listeners;
      const visitorKeys = context.sourceCode.visitorKeys;
      return { ...listeners, Program: (node) => asContextSync(node, visitorKeys, () => program(node)) };
    },
  };
}

const rules = Object.fromEntries(Object.entries(officeAddins.rules).map(([name, rule]) => [name, wrapRule(rule)]));

export default { meta: { name: 'office-addins (sync(context) wrapper)' }, rules };
