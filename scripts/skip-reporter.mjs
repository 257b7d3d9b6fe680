// A node:test reporter that writes one JSON line per skipped test or suite (file, name, reason), so
// that scripts/run-tests.mjs can say in its summary what did not run and what installs it.
export default async function* skipReporter(source) {
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.skip !== undefined) {
      const { name, file, skip, details } = event.data;
      yield `${JSON.stringify({ name, file, reason: skip === true ? '' : String(skip), suite: details?.type === 'suite' })}\n`;
    }
  }
}
