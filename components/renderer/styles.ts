/**
 * The renderer's one stylesheet. It is rendered inside the experience (not in <head>) so it
 * also applies inside the embed's shadow root, and it styles itself rather than relying on the
 * host site or Tailwind. Every class starts with `csy-`. Colours, radius and font come from
 * custom properties set on the root (theme.ts).
 *
 * Equal prominence: buttons are styled only by emphasis (`csy-primary` / `csy-secondary`),
 * never by action, so "accept all" and "reject all" of the same emphasis look identical.
 */
export const STYLESHEET = `
.csy-root{--csy-muted:color-mix(in srgb,var(--csy-fg) 78%,var(--csy-bg));--csy-control:color-mix(in srgb,var(--csy-fg) 62%,var(--csy-bg));font-family:var(--csy-font);font-size:16px;line-height:1.5;color:var(--csy-fg);text-align:start;letter-spacing:normal;-webkit-text-size-adjust:100%}
.csy-root *,.csy-root *::before,.csy-root *::after{box-sizing:border-box}
.csy-root :where(h1,h2,h3,h4,p,ul,ol,fieldset,legend,hr){margin:0;padding:0}
.csy-root [hidden]{display:none!important}
.csy-root :focus-visible{outline:3px solid var(--csy-fg);outline-offset:2px}
.csy-surface{background:var(--csy-bg);color:var(--csy-fg)}
.csy-fixed{position:fixed;z-index:2147483000}
.csy-contained{position:absolute;z-index:10}
.csy-body{container-type:inline-size;display:flex;flex-direction:column;gap:.75rem}
.csy-banner{left:0;right:0;bottom:0;max-height:100%;overflow:auto;padding:1rem;border:0 solid var(--csy-border);border-top-width:1px}
.csy-banner .csy-body{max-width:72rem;margin:0 auto}
.csy-banner.csy-at-top{top:0;bottom:auto;border-width:0 0 1px}
.csy-banner.csy-at-bottom-left,.csy-banner.csy-at-bottom-right{bottom:1rem;width:min(26rem,100% - 2rem);max-height:calc(100% - 2rem);border-width:1px;border-radius:var(--csy-radius);box-shadow:0 4px 24px rgb(0 0 0/.2)}
.csy-banner.csy-at-bottom-left{left:1rem;right:auto}
.csy-banner.csy-at-bottom-right{left:auto;right:1rem}
.csy-backdrop{inset:0;display:flex;align-items:center;justify-content:center;padding:1rem;background:rgb(0 0 0/.5)}
.csy-backdrop.csy-at-top{align-items:flex-start}
.csy-backdrop.csy-at-bottom{align-items:flex-end}
.csy-backdrop.csy-at-bottom-left{align-items:flex-end;justify-content:flex-start}
.csy-backdrop.csy-at-bottom-right{align-items:flex-end;justify-content:flex-end}
.csy-dialog{width:min(34rem,100%);max-height:100%;overflow:auto;padding:1.5rem;border:1px solid var(--csy-border);border-radius:var(--csy-radius);box-shadow:0 8px 32px rgb(0 0 0/.25)}
.csy-dialog:focus{outline:none}
.csy-page{min-height:100%;padding:1.5rem 1rem 3rem}
.csy-page .csy-body{max-width:40rem;margin:0 auto}
@media (min-width:640px){.csy-page{padding:3rem 1.5rem 4rem}}
.csy-stack{display:flex;flex-direction:column;gap:.75rem;min-width:0}
.csy-columns{display:grid;gap:.75rem;min-width:0}
.csy-cols-2{grid-template-columns:repeat(2,minmax(0,1fr))}
.csy-cols-3{grid-template-columns:repeat(3,minmax(0,1fr))}
@container (max-width:479.98px){.csy-columns{grid-template-columns:minmax(0,1fr)}.csy-button{width:100%}}
.csy-heading{font-weight:700;line-height:1.3}
.csy-h1{font-size:1.375rem}.csy-h2{font-size:1.125rem}.csy-h3{font-size:1rem}
.csy-rich{display:flex;flex-direction:column;gap:.5rem;overflow-wrap:anywhere}
.csy-rich :where(ul,ol),.csy-notice :where(ul,ol){padding-inline-start:1.5rem}
.csy-rich a,.csy-notice a,.csy-link{color:inherit;text-decoration:underline;text-underline-offset:.15em}
.csy-link{display:inline-flex;align-items:center;min-height:44px}
.csy-notice{max-height:16rem;overflow:auto;padding:.75rem;border:1px solid var(--csy-border);border-radius:var(--csy-radius);overflow-wrap:anywhere}
.csy-page .csy-notice{max-height:none}
.csy-notice :where(p,ul,ol,h2,h3,h4){margin:0 0 .5rem}
.csy-notice-title{font-weight:700;margin-bottom:.5rem}
.csy-muted,.csy-description{color:var(--csy-muted);font-size:.9375rem}
.csy-button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:.5rem 1.25rem;border:2px solid var(--csy-primary);border-radius:var(--csy-radius);font:inherit;font-weight:600;line-height:1.25;text-align:center;text-transform:none;cursor:pointer}
.csy-stack>.csy-button{align-self:flex-start}
.csy-columns .csy-button{width:100%;height:100%}
.csy-primary{background:var(--csy-primary);color:var(--csy-on-primary)}
.csy-primary:hover{background:color-mix(in srgb,var(--csy-primary) 85%,#000)}
.csy-secondary{background:transparent;color:var(--csy-fg);border-color:currentColor}
.csy-secondary:hover{background:color-mix(in srgb,var(--csy-fg) 8%,transparent)}
.csy-fieldset{border:0;min-width:0;display:flex;flex-direction:column}
.csy-legend,.csy-label{font-weight:600}
.csy-legend{margin-bottom:.25rem}
.csy-check{display:flex;align-items:center;gap:.75rem;min-height:44px;cursor:pointer}
.csy-check input{flex:none;width:1.375rem;height:1.375rem;margin:0;accent-color:var(--csy-primary);cursor:inherit}
.csy-purpose{display:flex;flex-direction:column;gap:.125rem}
.csy-toggle{display:flex;align-items:center;gap:.75rem}
.csy-toggle-label{flex:1;display:flex;align-items:center;min-height:44px;font-weight:600;cursor:pointer}
.csy-always-on{font-size:.875rem;color:var(--csy-muted)}
.csy-switch{appearance:none;-webkit-appearance:none;flex:none;position:relative;width:2.75rem;height:1.5rem;margin:0;border-radius:.75rem;background:var(--csy-control);cursor:pointer;transition:background .15s}
.csy-switch::before{content:"";position:absolute;top:.1875rem;left:.1875rem;width:1.125rem;height:1.125rem;border-radius:50%;background:var(--csy-bg);transition:transform .15s}
.csy-switch:checked{background:var(--csy-primary)}
.csy-switch:checked::before{transform:translateX(1.25rem)}
.csy-switch:disabled{cursor:default}
@media (prefers-reduced-motion:reduce){.csy-switch,.csy-switch::before{transition:none}}
@media (forced-colors:active){.csy-switch{appearance:auto;-webkit-appearance:auto;width:1.375rem;height:1.375rem}.csy-switch::before{display:none}}
.csy-field{display:flex;flex-direction:column;gap:.25rem;min-width:0}
.csy-input{display:block;width:100%;min-height:44px;padding:.5rem .75rem;border:1px solid var(--csy-control);border-radius:var(--csy-radius);background:var(--csy-bg);color:var(--csy-fg);font:inherit}
.csy-times{display:flex;flex-wrap:wrap;gap:.75rem}
.csy-times .csy-field{flex:1 1 8rem}
.csy-divider{border:0;border-top:1px solid var(--csy-border)}
.csy-image{display:block;max-width:100%;height:auto}
.csy-logo{max-height:3rem;object-fit:contain;object-position:left center}
.csy-image-empty{min-height:4rem;border:1px dashed var(--csy-control);border-radius:var(--csy-radius)}
.csy-layer{display:flex;flex-direction:column;gap:.75rem;padding-top:.75rem;border-top:1px solid var(--csy-border)}
.csy-vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;
