// Replaced by the real CLI.
console.error('nnjson: not built yet');
process.exit(1);
