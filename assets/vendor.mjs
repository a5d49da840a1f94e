// Copies the built CSS of the NL Design System components Samen uses into
// static/vendor/utrecht/: one file, utrecht.css, plus the licence. `make assets` runs it
// after `npm ci`; the result is committed, so serving the site needs no Node.
//
// Each component comes from the version that @utrecht/component-library-css pins, so the
// set moves together when that one package is upgraded in package.json.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "static", "vendor", "utrecht");
const require = createRequire(import.meta.url);
const library = require.resolve("@utrecht/component-library-css/package.json");
const fromLibrary = createRequire(library);

// In the order they are layered: plain text first, then the parts built on it.
const COMPONENTS = [
  "document",
  "heading-1",
  "heading-2",
  "heading-3",
  "heading-4",
  "heading-5",
  "heading-6",
  "paragraph",
  "link",
  "unordered-list",
  "ordered-list",
  "link-list",
  "separator",
  "skip-link",
  "page-header",
  "page-footer",
  "breadcrumb-nav",
  "button",
  "form-fieldset",
  "form-field",
  "form-label",
  "form-field-description",
  "form-field-error-message",
  "textbox",
  "textarea",
  "select",
  "checkbox",
  "alert",
  "pagination",
  "table",
  "data-badge",
  "status-badge",
];

const { version: libraryVersion } = JSON.parse(readFileSync(library, "utf8"));
const parts = [
  `/* NL Design System community components, from @utrecht/component-library-css ${libraryVersion}.`,
  "   Licensed under the EUPL-1.2 (LICENSE.md beside this file). Made by `make assets`; do not edit. */",
];
for (const name of COMPONENTS) {
  const manifest = fromLibrary.resolve(`@utrecht/${name}-css/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, "utf8"));
  const css = readFileSync(join(dirname(manifest), "dist", "index.min.css"), "utf8").trim();
  parts.push(`/* @utrecht/${name}-css ${version} */`, css);
}

mkdirSync(target, { recursive: true });
writeFileSync(join(target, "utrecht.css"), parts.join("\n") + "\n");
copyFileSync(join(dirname(library), "LICENSE.md"), join(target, "LICENSE.md"));
console.log(`static/vendor/utrecht/utrecht.css: ${COMPONENTS.length} components`);
