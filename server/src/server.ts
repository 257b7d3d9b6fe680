// Process entry of the language server (filled in by the language-server work).
process.stderr.write('migrationpolicy-language-server: not built yet\n');
