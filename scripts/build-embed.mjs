#!/usr/bin/env node
// Builds the embeddable script, public/embed/v1.js, from components/embed with esbuild: a behaviour
// layer without a UI framework, over markup the server renders with THE renderer
// (components/embed/live-markup.tsx), minified for es2019 browsers. It also bundles that markup
// module with React for Node into lib/embed/dist/live-markup.cjs, which the embed endpoint loads
// at run time (Next's route handlers cannot run the renderer's hooks themselves).
// Run by `npm run build` and `npm run dev` before Next; `--analyze` prints what each module
// weighs; `--check-size` (npm run size) then holds the script to the budget in .size-limit.json
// with size-limit's own measurement. The outputs are generated, never committed (.gitignore
// files beside them).
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "public/embed");
const analyze = process.argv.includes("--analyze");
const checkSize = process.argv.includes("--check-size");

const shared = {
  bundle: true,
  minify: true,
  target: "es2019",
  charset: "utf8",
  legalComments: "none",
  jsx: "automatic",
  absWorkingDir: root,
  tsconfig: path.join(root, "tsconfig.json"),
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
};

// Parallel builds (e2e runs on several ports) share this folder: every file is written whole,
// then renamed into place, so a reader never sees half of one.
await mkdir(outDir, { recursive: true });
const put = async (name, contents) => {
  const temporary = path.join(outDir, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, contents);
  await rename(temporary, path.join(outDir, name));
};
await put(".gitignore", "# Built by scripts/build-embed.mjs\n*\n");

const main = await esbuild.build({
  ...shared,
  entryPoints: ["components/embed/index.ts"],
  write: false,
  format: "iife",
  metafile: analyze,
});
await put("v1.js", main.outputFiles[0].contents);

// The server's half: the renderer and react-dom/server for Node, loaded by lib/embed/embed-endpoint.ts.
const markup = await esbuild.build({
  ...shared,
  entryPoints: ["components/embed/live-markup.tsx"],
  write: false,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: false,
  // The renderer's "use client" means nothing in a bundle; esbuild says so for every file.
  logLevel: "error",
});
const markupDir = path.join(root, "lib/embed/dist");
await mkdir(markupDir, { recursive: true });
const markupFile = path.join(markupDir, "live-markup.cjs");
const markupTemporary = `${markupFile}.${process.pid}.tmp`;
await writeFile(markupTemporary, markup.outputFiles[0].contents);
await rename(markupTemporary, markupFile);

const bytes = await readFile(path.join(outDir, "v1.js"));
console.log(`embed: v1.js ${(bytes.length / 1000).toFixed(1)} kB, ${(gzipSync(bytes, { level: 9 }).length / 1000).toFixed(2)} kB gzipped`);
if (analyze && main.metafile) console.log(await esbuild.analyzeMetafile(main.metafile));

if (checkSize) {
  // size-limit's API with its file plugin: its CLI needs Node 22, this project supports Node 20.
  const { default: sizeLimit } = await import("size-limit");
  const { default: filePlugin } = await import("@size-limit/file");
  const checks = JSON.parse(await readFile(path.join(root, ".size-limit.json"), "utf8"));
  const units = { "": 1, k: 1e3, m: 1e6 };
  let over = false;
  for (const check of checks) {
    const files = [check.path].flat().map((file) => path.join(root, file));
    const [{ size }] = await sizeLimit([filePlugin], { checks: [{ files, gzip: check.gzip === true, brotli: check.gzip === true ? undefined : false }] });
    const [, amount, unit = ""] = /^([\d.]+) *([kKmM])?B$/.exec(check.limit) ?? [];
    const limit = Number(amount) * units[unit.toLowerCase()];
    const fits = size <= limit;
    over ||= !fits;
    console.log(`${fits ? "ok  " : "OVER"} ${check.name}: ${(size / 1000).toFixed(2)} kB${check.gzip ? " gzipped" : ""} of ${check.limit}`);
  }
  if (over) process.exit(1);
}
