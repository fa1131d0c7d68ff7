// Draws ZPL formats to PNGs with zpl-renderer-js (Zebrash, a Go ZPL renderer compiled to
// WebAssembly). Used by tests/zpl.rs (ignored in a plain `cargo test`; .ci/run installs
// Node's package).
//
//   node render.cjs IN.zpl OUT.png WIDTH_MM HEIGHT_MM DPMM   one format
//   node render.cjs                                          many: one job a line on stdin,
//       IN.zpl<TAB>OUT.png<TAB>WIDTH_MM<TAB>HEIGHT_MM<TAB>DPMM, answered by a line on stdout,
//       "ok" or "error: why", in order; the WebAssembly is loaded once for all of them.
const fs = require("node:fs");
const readline = require("node:readline");
const { ready } = require("zpl-renderer-js");

async function draw(api, [input, output, width, height, dpmm]) {
  const zpl = fs.readFileSync(input, "utf8");
  const png = await api.zplToBase64Async(zpl, Number(width), Number(height), Number(dpmm));
  fs.writeFileSync(output, Buffer.from(png, "base64"));
}

async function main() {
  const args = process.argv.slice(2);
  const { api } = await ready;
  if (args.length === 5) {
    await draw(api, args);
    return;
  }
  if (args.length !== 0) {
    console.error("usage: node render.cjs [IN.zpl OUT.png WIDTH_MM HEIGHT_MM DPMM]");
    process.exit(2);
  }
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const job = line.split("\t");
    try {
      if (job.length !== 5) throw new Error(`expected 5 tab-separated fields: ${line}`);
      await draw(api, job);
      process.stdout.write("ok\n");
    } catch (e) {
      process.stdout.write(`error: ${String(e).replace(/\n/g, " ")}\n`);
    }
  }
}

main().catch((e) => {
  console.error(String(e));
  process.exit(1);
});
