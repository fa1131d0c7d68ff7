// Draws one ZPL format to a PNG with zpl-renderer-js (Zebrash, a Go ZPL renderer compiled
// to WebAssembly): node render.cjs IN.zpl OUT.png WIDTH_MM HEIGHT_MM DPMM
// Used by tests/zpl.rs (ignored in a plain `cargo test`; .ci/run installs Node's package).
const fs = require("node:fs");
const { ready } = require("zpl-renderer-js");

async function main() {
  const [input, output, width, height, dpmm] = process.argv.slice(2);
  if (!dpmm) {
    console.error("usage: node render.cjs IN.zpl OUT.png WIDTH_MM HEIGHT_MM DPMM");
    process.exit(2);
  }
  const { api } = await ready;
  const zpl = fs.readFileSync(input, "utf8");
  const png = await api.zplToBase64Async(zpl, Number(width), Number(height), Number(dpmm));
  fs.writeFileSync(output, Buffer.from(png, "base64"));
}

main().catch((e) => {
  console.error(String(e));
  process.exit(1);
});
