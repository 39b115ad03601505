'use strict';
// One command-line run of the national example in a fresh Node process, as `finsam allocate` makes it:
// load the modules, read the file, compute, write the result file — with Underlag, or planned without
// it (argv[2] === 'without'). Prints the process's CPU and wall milliseconds since it started, as JSON.
// Uses the built command line (build/cli, `npm run build:cli`), as bin/finsam.js does.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ExcelJS = require('exceljs');
const { compute, writeRun } = require('../build/cli/compute.js');

async function main() {
  const underlag = process.argv[2] !== 'without';
  const input = path.join(__dirname, '..', 'assets', 'exempel-medelstilldelning.xlsx');
  const output = path.join(os.tmpdir(), `finsam-bench-underlag-${process.pid}.xlsx`);
  const now = new Date(2026, 0, 15, 9, 30, 0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(input));
  const computed = compute(workbook, now, { underlag });
  if (!computed.ok) throw new Error('the example has problems');
  if (underlag !== computed.run.plan.sheets.some((s) => s.name === 'Underlag')) throw new Error('build/cli is out of date');
  fs.writeFileSync(output, await writeRun(workbook, computed, now, output));
  fs.rmSync(output);
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
});
