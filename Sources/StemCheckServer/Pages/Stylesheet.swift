/// The pages' one stylesheet (`/static/app.css`): readable, AA contrast, visible focus, and a
/// print form in which the submission page is the board's minutes attachment (no navigation,
/// no forms, full width, links shown as text).
let pageStylesheet = """
    :root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #c4c4c4; --paper: #ffffff; --band: #f3f4f6;
            --link: #0b4f8a; --fail: #9b1c1c; --fail-bg: #fdecec; --warn: #7a4a00; --warn-bg: #fff4dc;
            --ok: #1d5e2a; --ok-bg: #e8f5ea; --info: #23466e; --info-bg: #e8f0fa; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--paper); }
    a { color: var(--link); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #1f6feb; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
    .skip:focus { left: .5rem; z-index: 2; }
    header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: .6rem 1.5rem; background: #17324d; color: #fff; }
    header.top a { color: #fff; }
    header.top .brand { margin: 0; font-weight: 700; }
    header.top .brand span { font-weight: 400; margin-left: .5rem; }
    header.top nav ul { display: flex; gap: 1.2rem; list-style: none; margin: 0; padding: 0; }
    header.top .signout { margin-left: auto; display: flex; gap: .6rem; align-items: center; }
    header.top .roles { color: #dbe6f2; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    footer.foot { border-top: 1px solid var(--line); color: var(--muted); padding: .5rem 1.5rem; font-size: .875rem; }
    h1 { font-size: 1.6rem; margin: .6rem 0 1rem; }
    h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
    h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
    code, pre { font: .9em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
    pre { white-space: pre-wrap; word-break: break-word; background: var(--band); padding: .8rem; border: 1px solid var(--line); }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
    caption { text-align: left; color: var(--muted); padding: .2rem 0; }
    th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
    thead th { background: var(--band); }
    label { font-weight: 600; margin-right: .4rem; }
    form.narrow { max-width: 36rem; }
    form.narrow label { display: block; margin-bottom: .2rem; }
    form.narrow input[type=radio] + label { display: inline; font-weight: 400; }
    form.inline { display: inline-flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: .3rem .8rem .3rem 0; }
    input, select, textarea { font: inherit; padding: .35rem .45rem; border: 1px solid #6b6b6b; border-radius: 3px; background: #fff; color: var(--ink); }
    form.narrow input:not([type=radio]):not([type=hidden]), form.narrow textarea, section textarea { width: 100%; }
    fieldset { border: 1px solid var(--line); padding: .5rem 1rem; }
    button, a.button { font: inherit; font-weight: 600; padding: .4rem .9rem; border: 1px solid #0b3d6b; border-radius: 3px;
                       background: #0b4f8a; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
    button.danger { background: var(--fail); border-color: #6e1313; }
    header.top button { background: transparent; border-color: #fff; }
    .filters { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; align-items: end; background: var(--band); padding: .4rem .8rem; margin-bottom: 1rem; }
    .filters p { margin: .3rem 0; }
    .tabs ul { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 0 0 1rem; }
    .tabs a { display: inline-block; padding: .35rem .8rem; border: 1px solid var(--line); border-radius: 3px; text-decoration: none; }
    .tabs a[aria-current=page] { background: #17324d; color: #fff; border-color: #17324d; }
    .count { display: inline-block; min-width: 1.6em; text-align: center; font-weight: 700; }
    .type { color: var(--muted); font-size: .875rem; }
    .verdict { font-weight: 700; padding: .1rem .45rem; border-radius: 3px; white-space: nowrap; }
    .v-fail { color: var(--fail); background: var(--fail-bg); }
    .v-incomplete, .v-needs_review { color: var(--warn); background: var(--warn-bg); }
    .v-pass { color: var(--ok); background: var(--ok-bg); }
    .v-none { color: var(--muted); background: var(--band); }
    .verdict-box { border-left: 6px solid currentColor; padding: .4rem 1rem; margin: 1rem 0; }
    .verdict-box h2 { border: 0; margin: .4rem 0; font-size: 1.4rem; }
    .counts { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; list-style: none; padding: 0; }
    .status { font-size: .875rem; font-weight: 600; padding: 0 .35rem; border-radius: 3px; white-space: nowrap; }
    .s-fail, .s-error, .s-open { color: var(--fail); background: var(--fail-bg); }
    .s-unknown, .s-review, .s-addressed { color: var(--warn); background: var(--warn-bg); }
    .s-pass, .s-resolved, .s-met, .s-waived { color: var(--ok); background: var(--ok-bg); }
    .s-not_applicable, .s-none { color: var(--muted); background: var(--band); }
    .hint, .meta, .cite { color: var(--muted); font-size: .9rem; }
    .notice { background: var(--ok-bg); color: var(--ok); border: 1px solid #9cc7a4; padding: .5rem .8rem; }
    .error-box { background: var(--fail-bg); color: var(--fail); border: 1px solid #d9a3a3; padding: .3rem 1rem; }
    .error-box .hint { color: #5c1010; }
    .signed { background: var(--info-bg); color: var(--info); padding: .3rem .6rem; }
    .invalid { color: var(--fail); }
    .actions { background: var(--band); padding: .2rem 1rem .8rem; border: 1px solid var(--line); }
    .actions h2 { border: 0; }
    .crumbs { color: var(--muted); margin: 0; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; word-break: break-all; }
    .empty { color: var(--muted); font-style: italic; }
    ol.checklist > li, ol.stipulations > li { margin-bottom: 1rem; }
    .letter-preview { font-family: Georgia, "Times New Roman", serif; border: 1px solid var(--line); padding: .2rem 1.2rem; background: #fffef8; }
    @media print {
      header.top, footer.foot, .no-print, .skip, form, .crumbs { display: none !important; }
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      h2 { break-after: avoid; }
      tr, li { break-inside: avoid; }
      .verdict-box, .status, .verdict, .signed { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    }
    """
