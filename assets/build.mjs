// Compile Headway's Sass and copy GOV.UK Frontend's script into build/static.
// (Its images are GOV.UK's crown and icons, which a council's site must not use.)
// Nothing here is committed: the build always starts from the npm packages in the lock file.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static", "headway");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "assets", "scss", "headway.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "headway.css"), result.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// Headway's own script, which imports GOV.UK Frontend's from beside it.
cpSync(join(root, "assets", "headway.js"), join(out, "headway.js"));
// The security key pages' script (beside allauth's webauthn-json, which it uses).
cpSync(join(root, "assets", "webauthn.js"), join(out, "webauthn.js"));
// Headway's own icon, in place of GOV.UK's crown favicon.
cpSync(join(root, "assets", "favicon.svg"), join(out, "favicon.svg"));
console.log(`Assets written to ${out}`);
