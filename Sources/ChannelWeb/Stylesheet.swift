/// The UI's one stylesheet and icon, served by Qudao itself (no asset from the internet). System fonts only: the
/// CJK faces every platform ships (PingFang, Microsoft YaHei, Noto Sans CJK) render the Chinese UI.
public enum Stylesheet {
    public static let css = """
        :root { --ink: #1b2733; --muted: #52606d; --line: #d9e2ec; --paper: #ffffff; --wash: #f3f6f9;
          --accent: #0b6e6e; --accent-ink: #ffffff; --good: #1e7b34; --bad: #b42318; --focus: #f5a524; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
          sans-serif; color: var(--ink); background: var(--wash); line-height: 1.5; }
        body { margin: 0; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
        .skip:focus { left: 1rem; z-index: 10; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1.25rem;
          background: var(--paper); border-bottom: 1px solid var(--line); }
        .brand { display: flex; align-items: center; gap: .5rem; font-weight: 700; font-size: 1.15rem; color: var(--ink); text-decoration: none; }
        .brand small { font-weight: 400; font-size: .8rem; color: var(--muted); }
        .mark { display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: .4rem; background: var(--accent);
          color: var(--accent-ink); font-size: 1.1rem; }
        nav ul { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; }
        nav a { display: block; padding: .35rem .7rem; border-radius: .35rem; text-decoration: none; color: var(--ink); }
        nav a[aria-current="page"] { background: var(--accent); color: var(--accent-ink); }
        .tools { margin-left: auto; display: flex; align-items: center; gap: .75rem; }
        .tools form { margin: 0; }
        .who { color: var(--muted); }
        button { font: inherit; padding: .4rem .9rem; border-radius: .35rem; border: 1px solid var(--accent); background: var(--accent);
          color: var(--accent-ink); cursor: pointer; }
        .tools button { background: var(--paper); color: var(--accent); }
        main { max-width: 1280px; margin: 0 auto; padding: 1.25rem; }
        h1 { font-size: 1.5rem; margin: .25rem 0 .25rem; }
        h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
        .period, .note { color: var(--muted); margin-top: 0; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0; }
        .tile, .panel { background: var(--paper); border: 1px solid var(--line); border-radius: .5rem; padding: .9rem 1rem; }
        .tile h2 { font-size: .9rem; font-weight: 500; color: var(--muted); margin: 0; }
        .tile .value { font-size: 1.45rem; font-weight: 700; margin: .2rem 0; font-variant-numeric: tabular-nums; }
        .change { margin: 0; font-size: .85rem; }
        .change.good { color: var(--good); } .change.bad { color: var(--bad); } .change.flat { color: var(--muted); }
        .previous { color: var(--muted); }
        .panel { margin-bottom: .75rem; }
        .panel svg { width: 100%; height: auto; display: block; }
        .columns { display: grid; grid-template-columns: 3fr 2fr; gap: .75rem; }
        .inline { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-bottom: .5rem; }
        select, input { font: inherit; padding: .35rem .5rem; border: 1px solid #9aa5b1; border-radius: .3rem; background: var(--paper); color: var(--ink); }
        .login { max-width: 24rem; margin: 3rem auto; background: var(--paper); border: 1px solid var(--line); border-radius: .5rem; padding: 1.5rem; }
        .login form { display: grid; gap: .4rem; }
        .login button { margin-top: .6rem; }
        .error { color: var(--bad); background: #fdecea; border-radius: .3rem; padding: .5rem .75rem; }
        .table-wrap { overflow-x: auto; max-width: 100%; background: var(--paper); border: 1px solid var(--line); border-radius: .4rem; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        caption { text-align: left; font-weight: 600; padding: .5rem .75rem; }
        th, td { padding: .35rem .75rem; border-top: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
        th { background: var(--wash); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td { white-space: pre; }
        .pager { margin: .5rem 0; }
        form.filters, form.explorer .fields { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: flex-end; }
        form.filters p, form.explorer p { margin: .25rem 0; display: flex; flex-direction: column; min-width: 9rem; }
        form.explorer fieldset { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
        label.check { display: inline-flex; gap: .3rem; align-items: center; }
        .downloads a { margin-right: 1rem; }
        .chart { margin-bottom: .75rem; }
        dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .5rem; background: var(--paper);
          border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
        dl.facts dt { color: var(--muted); font-size: .85rem; } dl.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        ol.timeline { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0; }
        ol.timeline li { border: 2px solid var(--line); border-radius: .4rem; padding: .35rem .7rem; min-width: 8rem; }
        ol.timeline li.done { border-color: var(--good); }
        ol.timeline li.open { color: var(--muted); border-style: dashed; }
        ol.timeline .step { font-weight: 600; display: block; }
        ul.tree, ul.tree ul { list-style: none; padding-left: 1.1rem; margin: .2rem 0; }
        ul.tree { padding-left: 0; }
        .badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: .3rem; background: var(--wash); border: 1px solid var(--line); }
        .secret { font-family: ui-monospace, monospace; background: #fff8e1; padding: .5rem; border-radius: .3rem; overflow-wrap: anywhere; }
        progress { width: 100%; height: 1.2rem; }
        textarea { font: inherit; width: 100%; }
        footer { color: var(--muted); text-align: center; font-size: .8rem; padding: 1rem; }
        @media (max-width: 760px) {
          .columns { grid-template-columns: 1fr; }
          .tools { margin-left: 0; width: 100%; justify-content: space-between; }
          main { padding: .75rem; }
          form.filters p, form.explorer p { min-width: 100%; }
        }
        """

    /// The favicon: the first character of 渠道 on the accent colour.
    public static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b6e6e"/>\
        <text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">渠</text></svg>
        """
}
