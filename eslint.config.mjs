import boundaries from "eslint-plugin-boundaries";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * Dependencies point down: app → components → lib. The experience document (lib/experience)
 * imports nothing outside itself, the renderer's model (lib/renderer-model) only the document,
 * and the renderer (components/renderer) only those two, so the designer, hosted pages, the
 * embed and the server all draw with the same small, pure code. The first element that matches
 * a file is its element; imports inside one element are not checked.
 * Folder cycles are checked by scripts/check-folder-cycles.mjs (npm run lint runs both).
 */
export const LAYER_ELEMENTS = [
  { type: "experience", pattern: "lib/experience" },
  { type: "renderer-model", pattern: "lib/renderer-model" },
  { type: "lib", pattern: "lib" },
  { type: "renderer", pattern: "components/renderer" },
  { type: "components", pattern: "components" },
  { type: "app", pattern: "app" },
];

const below = {
  app: ["components", "renderer", "lib", "renderer-model", "experience"],
  components: ["renderer", "lib", "renderer-model", "experience"],
  renderer: ["renderer-model", "experience"],
  lib: ["renderer-model", "experience"],
  "renderer-model": ["experience"],
  experience: [],
};

const layerRules = {
  files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
  // A test may reach across layers (a route's test beside the lib code it exercises); nothing
  // imports a test, so it cannot make production code depend upward.
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  plugins: { boundaries },
  settings: {
    "boundaries/elements": LAYER_ELEMENTS.map((element) => ({ ...element, partialMatch: false })),
    "import/resolver": { typescript: { alwaysTryTypes: true }, node: true },
  },
  rules: {
    "boundaries/dependencies": [
      "error",
      {
        default: "disallow",
        message: "{{from.type}} must not import {{to.type}}: dependencies point down (app → components → lib; see eslint.config.mjs)",
        policies: Object.entries(below).map(([from, allowed]) => ({ from: { element: { type: from } }, allow: { to: { element: { type: allowed } } } })),
      },
    ],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // An underscore names what is left out on purpose: `const { secret: _secret, ...rest } = row`.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // React Compiler checks (eslint-plugin-react-hooks 7): this app does not run the compiler.
      // They flag the designer's focus request, a ref handed through context and written in
      // handlers and effects, and autosave's last-saved snapshot kept in a ref: deliberate, and
      // correct without the compiler. The classic rules-of-hooks and exhaustive-deps stay on.
      "react-hooks/immutability": "off",
      "react-hooks/refs": "off",
    },
  },
  {
    // The renderer is also bundled into the embed script and rendered to static markup on the
    // server: next/image is not available there, and images are the customer's own URLs.
    files: ["components/renderer/**/*.tsx"],
    rules: { "@next/next/no-img-element": "off" },
  },
  layerRules,
  globalIgnores([".next/**", ".next-e2e-*/**", "next-env.d.ts", "public/embed/**", "lib/embed/dist/**", ".data/**", "test-results*/**", "playwright-report*/**"]),
]);
